import { createApp } from 'vue';
import { createPinia } from 'pinia';
import App from './App.vue';
import { createAppI18n } from './i18n';
import { createAppRouter } from './router';
import { usePreferencesStore } from './stores/preferences';

const app = createApp(App);
const pinia = createPinia();
app.use(pinia);
app.use(createAppI18n(usePreferencesStore(pinia).language));
app.use(createAppRouter());
app.mount('#app');
