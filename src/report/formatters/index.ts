import type { Formatter } from '../report';
import { github } from './github';
import { json } from './json';
import { junit } from './junit';
import { sarif } from './sarif';
import { stylish } from './stylish';

export const FORMATTERS: Readonly<Record<string, Formatter>> = { stylish, json, sarif, github, junit };
export const FORMAT_NAMES = Object.keys(FORMATTERS);
