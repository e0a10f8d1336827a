/** Picks the printer for `-w`. */
import type { Output, OutputFormat, Printer } from './printer';
import { FieldsPrinter } from './printer-fields';
import { JsonPrinter } from './printer-json';
import { ProtobufPrinter } from './printer-protobuf';
import { SimplePrinter } from './printer-simple';
import { TablePrinter } from './printer-table';

export function createPrinter(format: OutputFormat, io: Output, hex: boolean): Printer {
  switch (format) {
    case 'simple':
      return new SimplePrinter(io, hex);
    case 'json':
      return new JsonPrinter(io);
    case 'fields':
      return new FieldsPrinter(io);
    case 'table':
      return new TablePrinter(io);
    case 'protobuf':
      return new ProtobufPrinter(io);
  }
}
