/**
 * The shape of the generated wire schema (wire-schema-data.ts): for each protobuf message of the
 * Kubernetes API, its fields in Go struct order, so decoding can rebuild the JSON that Go's
 * encoding/json would write for the same struct.
 */

/** `[number, jsonName, type, flags]`. `type` is a scalar (`string`, `int32`, `bytes`, ...), a
 * message name such as `core.v1.Container`, `map<key,value>`, or `TypeMeta` (number 0: the
 * embedded apiVersion/kind, which protobuf carries in the envelope instead). */
export type FieldSpec = readonly [number: number, jsonName: string, type: string, flags: number];

export interface WireSchema {
  /** apiVersion → kind → message name, for the kinds that embed TypeMeta. */
  readonly kinds: Readonly<Record<string, Readonly<Record<string, string>>>>;
  /** Go named slice types (`type ExtraValue []string`) that protobuf wraps as `{1: items}`. */
  readonly lists: Readonly<Record<string, string>>;
  readonly messages: Readonly<Record<string, readonly FieldSpec[]>>;
}

/** The Go field is a pointer: absent means nil, and a zero on the wire is a real value. */
export const POINTER = 1;
/** The json tag has `omitempty`. */
export const OMITEMPTY = 2;
/** A protobuf repeated field: a Go slice. */
export const REPEATED = 4;
/** An embedded Go struct whose fields JSON promotes into the parent object. */
export const INLINE = 8;
