import { createRouter, createWebHistory, type Router } from 'vue-router'
import { DEFAULT_ROOT } from '../api/http.ts'
import WallPage from '../pages/WallPage.vue'

/** Routes: `/` → `/wall/<root>`, `/wall/:region`, `/briefing/:region` (lazy). */
export function createWallRouter(root: () => string = () => DEFAULT_ROOT): Router {
  return createRouter({
    history: createWebHistory(),
    routes: [
      { path: '/', redirect: (to) => ({ name: 'wall', params: { region: root() }, query: to.query }) },
      { path: '/wall', redirect: (to) => ({ name: 'wall', params: { region: root() }, query: to.query }) },
      { path: '/wall/:region', name: 'wall', component: WallPage },
      { path: '/briefing/:region', name: 'briefing', component: () => import('../briefing/BriefingPage.vue') },
      { path: '/:rest(.*)*', redirect: (to) => ({ name: 'wall', params: { region: root() }, query: to.query }) },
    ],
  })
}
