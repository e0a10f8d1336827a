/** The CONTAINERS and IMAGES cells of workload printers (upstream's layoutContainerCells). */
import { arrayAt, objectAt, stringAt } from '../object';

/** Names and images of a pod template's containers, each joined by ','. */
export function containerCells(template: unknown): [string, string] {
  const containers = arrayAt(objectAt(template, 'spec'), 'containers');
  return [containers.map((c) => stringAt(c, 'name')).join(','), containers.map((c) => stringAt(c, 'image')).join(',')];
}
