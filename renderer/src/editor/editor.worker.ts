// Monaco's editor worker (diff computation, word ranges), loaded as a module worker.
import 'monaco-editor/editor/editor.worker';
