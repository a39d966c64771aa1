import { seedFuneralDemo } from '../../src/modules/funeral/demo';
import type { TestServer } from '../../../test/support/server';

/** The demo 殡仪馆 and 公墓 (their published fee lists), as `npm start` seeds them; ids by name. */
export async function demoPlaces(s: TestServer) {
  await seedFuneralDemo(s.app.modules.funeral);
  const { items } = await s.app.modules.funeral.places.list({});
  const id = (name: string) => items.find((p) => p.name === name)!.id;
  return {
    chaoyangHome: id('朝阳区惠民殡仪馆（演示）'),
    haidianHome: id('海淀区惠民殡仪馆（演示）'),
    chaoyangCemetery: id('朝阳区福园公墓（演示）'),
  };
}
