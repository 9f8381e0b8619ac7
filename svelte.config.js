// Svelte 5 compiles <script lang="ts"> natively (type stripping), so no preprocessor is needed.
export default {};
