// ESLint rule: the import direction of docs/ARCHITECTURE (shared/ARCHITECTURE.md).
//   common ← kube ← store ← apiserver ← client ← {scheduler, controllers, kubelet, metrics}
//          ← cluster ← console ← {app, headless}
// A module may import its own layer and any layer to its left. Layers on the same rank are
// siblings and never import each other; one controller never imports another controller.
// The renderer imports only src-main/common.
import path from 'node:path';

const RANKS = {
  common: 0,
  kube: 1,
  store: 2,
  apiserver: 3,
  client: 4,
  scheduler: 5,
  controllers: 5,
  kubelet: 5,
  metrics: 5,
  cluster: 6,
  console: 7,
  app: 8,
  headless: 8,
};

const root = path.resolve(import.meta.dirname, '..', '..');

/** Where a file sits: { area: 'main'|'renderer'|'other', layer, sub } */
function locate(file) {
  const rel = path.relative(root, file).split(path.sep);
  if (rel[0] === 'src-renderer') return { area: 'renderer' };
  if (rel[0] !== 'src-main') return { area: 'other' };
  if (rel.length === 2) return { area: 'main', layer: rel[1].replace(/\.ts$/, '') };
  return { area: 'main', layer: rel[1], sub: rel.length > 3 ? rel[2] : undefined };
}

export default {
  meta: {
    type: 'problem',
    docs: { description: 'enforce the import direction between Kubedeck layers' },
    schema: [],
  },
  create(context) {
    const from = locate(context.filename);
    // Tests may put controllers together to check how they play with each other.
    const isTest = context.filename.endsWith('.test.ts');
    if (from.area === 'other') return {};
    function check(node, spec) {
      if (typeof spec !== 'string') return;
      if (from.area === 'main' && from.layer === 'common' && spec.startsWith('node:')) {
        context.report({ node, message: 'src-main/common runs in the renderer too: no Node built-ins here.' });
        return;
      }
      if (!spec.startsWith('.')) return;
      const to = locate(path.resolve(path.dirname(context.filename), spec));
      if (from.area === 'renderer') {
        if (to.area === 'main' && to.layer !== 'common') {
          context.report({ node, message: `The renderer may import only src-main/common, not src-main/${to.layer}.` });
        }
        return;
      }
      if (to.area !== 'main') {
        context.report({ node, message: `src-main may not import outside src-main ("${spec}").` });
        return;
      }
      if (to.layer === from.layer) {
        if (from.layer === 'controllers' && !isTest && to.sub && from.sub && to.sub !== from.sub && to.sub !== 'common') {
          context.report({ node, message: `Controllers never import each other (${from.sub} → ${to.sub}); they meet in the API.` });
        }
        return;
      }
      const a = RANKS[from.layer];
      const b = RANKS[to.layer];
      if (a === undefined || b === undefined) {
        context.report({ node, message: `Unknown layer in import: src-main/${from.layer} → src-main/${to.layer}.` });
      } else if (b >= a) {
        context.report({
          node,
          message: `Layer violation: src-main/${from.layer} may not import src-main/${to.layer} (import direction: common ← kube ← store ← apiserver ← client ← scheduler|controllers|kubelet|metrics ← cluster ← console ← app|headless).`,
        });
      }
    }
    return {
      ImportDeclaration: (n) => check(n, n.source.value),
      ExportNamedDeclaration: (n) => n.source && check(n, n.source.value),
      ExportAllDeclaration: (n) => check(n, n.source.value),
      ImportExpression: (n) => n.source.type === 'Literal' && check(n, n.source.value),
    };
  },
};
