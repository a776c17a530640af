import { DatabaseSync } from 'node:sqlite';
import { createLocalD1 } from './local-d1';
import { loadBenchPortfolio } from './reports-portfolio';
const d1 = createLocalD1('study');
loadBenchPortfolio(d1.sqliteFile, Number(process.env.CASES ?? 20000), Number(process.env.VISITS ?? 100000));
console.log(d1.sqliteFile);
