/** Every simulated program, by the name an image's file says it is (`ls`, `curl`, `nginx`, ...). */
import { APP_PROGRAMS } from './app-programs';
import { FILE_PROGRAMS } from './file-programs';
import { ls } from './ls';
import { NET_PROGRAMS } from './net-programs';
import type { Program } from './program-api';
import { SYSTEM_PROGRAMS } from './system-programs';
import { TEXT_PROGRAMS } from './text-programs';

export const PROGRAMS: Record<string, Program> = {
  ls,
  ...FILE_PROGRAMS,
  ...TEXT_PROGRAMS,
  ...SYSTEM_PROGRAMS,
  ...NET_PROGRAMS,
  ...APP_PROGRAMS,
};
