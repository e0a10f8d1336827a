import { describe, expect, it } from 'vitest';
import { runPlugins } from '../../testing/run-plugins';
import { normalizedImageName } from './image-locality';

describe('ImageLocality', () => {
  it('normalizes image names without a tag', () => {
    expect(normalizedImageName('nginx')).toBe('nginx:latest');
    expect(normalizedImageName('registry:5000/app')).toBe('registry:5000/app:latest');
    expect(normalizedImageName('nginx:1.25')).toBe('nginx:1.25');
  });

  it('scores by image size × the share of nodes that have it', () => {
    const nodes = [
      { name: 'has', images: ['big:1=800Mi'] },
      { name: 'both', images: ['big:1=800Mi', 'small:1=10Mi'] },
      { name: 'none' },
      { name: 'none2' },
    ];
    const r = runPlugins([{ name: 'ImageLocality' }], nodes, [], { name: 'p', image: 'big:1' });
    // 800Mi × 2/4 = 400Mi; (400 − 23) / (1000 − 23) × 100 = 38.
    expect(r.scores).toEqual({ has: 38, both: 38, none: 0, none2: 0 });
  });
});
