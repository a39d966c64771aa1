/**
 * Division codes that were abolished, with what replaced them and when. Codes are never
 * reused (GB/T 2260 retires a code for good), so an abolished code stays answerable forever:
 * a record stored under it is shown under its successor today.
 *
 * A documented subset of real changes (the maintained data packages carry today's divisions
 * only): dates are the day the change was announced, per public reports of the State Council's
 * approvals. Add a row when a change is announced; `index.ts` refuses a row whose code is
 * still current or whose successor is unknown, so a typo fails at start, not at a citizen.
 */
export interface AbolishedDivision {
  code: string;
  name: string;
  /** The division it belonged to when it was abolished (today's code of that parent). */
  parent: string;
  /** The last day it was in force is the day before this (Beijing date, YYYY-MM-DD). */
  abolishedOn: string;
  successors: string[];
  /** What happened, in words a citizen understands. */
  change: string;
  basis: string;
}

export const ABOLISHED: readonly AbolishedDivision[] = [
  {
    code: '110103',
    name: '崇文区',
    parent: '110100',
    abolishedOn: '2010-07-01',
    successors: ['110101'],
    change: '撤销东城区、崇文区，设立新的北京市东城区',
    basis: '国务院批复（2010年）',
  },
  {
    code: '110104',
    name: '宣武区',
    parent: '110100',
    abolishedOn: '2010-07-01',
    successors: ['110102'],
    change: '撤销西城区、宣武区，设立新的北京市西城区',
    basis: '国务院批复（2010年）',
  },
  {
    code: '120107',
    name: '塘沽区',
    parent: '120100',
    abolishedOn: '2009-11-09',
    successors: ['120116'],
    change: '撤销塘沽区、汉沽区、大港区，设立天津市滨海新区',
    basis: '国务院批复（2009年）',
  },
  {
    code: '120108',
    name: '汉沽区',
    parent: '120100',
    abolishedOn: '2009-11-09',
    successors: ['120116'],
    change: '撤销塘沽区、汉沽区、大港区，设立天津市滨海新区',
    basis: '国务院批复（2009年）',
  },
  {
    code: '120109',
    name: '大港区',
    parent: '120100',
    abolishedOn: '2009-11-09',
    successors: ['120116'],
    change: '撤销塘沽区、汉沽区、大港区，设立天津市滨海新区',
    basis: '国务院批复（2009年）',
  },
  {
    code: '310119',
    name: '南汇区',
    parent: '310100',
    abolishedOn: '2009-05-06',
    successors: ['310115'],
    change: '撤销南汇区，将其行政区域并入浦东新区',
    basis: '国务院批复（2009年）',
  },
  {
    code: '310103',
    name: '卢湾区',
    parent: '310100',
    abolishedOn: '2011-06-08',
    successors: ['310101'],
    change: '撤销黄浦区、卢湾区，设立新的上海市黄浦区',
    basis: '国务院批复（2011年）',
  },
  {
    code: '310108',
    name: '闸北区',
    parent: '310100',
    abolishedOn: '2015-11-04',
    successors: ['310106'],
    change: '撤销静安区、闸北区，设立新的上海市静安区',
    basis: '国务院批复（2015年）',
  },
  {
    code: '440116',
    name: '萝岗区',
    parent: '440100',
    abolishedOn: '2014-02-12',
    successors: ['440112'],
    change: '撤销黄埔区、萝岗区，设立新的广州市黄埔区',
    basis: '国务院批复（2014年）',
  },
  {
    code: '440183',
    name: '增城市',
    parent: '440100',
    abolishedOn: '2014-02-12',
    successors: ['440118'],
    change: '撤销县级增城市，设立广州市增城区',
    basis: '国务院批复（2014年）',
  },
  {
    code: '440184',
    name: '从化市',
    parent: '440100',
    abolishedOn: '2014-02-12',
    successors: ['440117'],
    change: '撤销县级从化市，设立广州市从化区',
    basis: '国务院批复（2014年）',
  },
];
