import { mount } from 'svelte';
import App from './App.svelte';
import './app.css';

// Start fetching and compiling the editor's heavy chunk (Monaco) now, while the window connects
// to the host, rather than after the first render asks for it.
void import('./editor/setup.ts');

mount(App, { target: document.getElementById('app')! });
