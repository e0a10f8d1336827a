/** Checks the workload kinds share on their selector and pod template (StatefulSet, DaemonSet, Job). */
import type { LabelSelector as MetaLabelSelector } from 'kubernetes-types/meta/v1';
import type { JsonObject } from '../object';
import { FieldPath, forbidden, invalid, notSupported, type FieldError } from '../field-error';
import { goLiteral, goStringMap } from '../go-format';
import { labelSelectorFromMeta, matchLabels, type LabelSelector } from '../labels';
import { has, obj, str, stringMap } from './json-access';

export function metaSelector(spec: JsonObject | undefined): MetaLabelSelector | undefined {
  return obj(spec, 'selector') as MetaLabelSelector | undefined;
}

/** LabelSelectorAsSelector, or undefined when it fails (a bad operator, key or value). */
export function parseSelector(selector: MetaLabelSelector | undefined): LabelSelector | undefined {
  try {
    return labelSelectorFromMeta(selector);
  } catch {
    return undefined;
  }
}

export function templateLabels(template: JsonObject | undefined): Record<string, string> | undefined {
  return stringMap(obj(template, 'metadata'), 'labels');
}

/** `<template>.metadata.labels: Invalid value: map[string]string{...}: `selector` does not match template `labels``. */
export function selectorMismatch(template: JsonObject | undefined, templatePath: FieldPath): FieldError {
  return invalid(templatePath.child('metadata', 'labels'), goLiteral(goStringMap(templateLabels(template))), '`selector` does not match template `labels`');
}

export function matchesTemplate(selector: LabelSelector, template: JsonObject | undefined): boolean {
  return matchLabels(selector, templateLabels(template));
}

/** Pods of long-running workloads restart always and have no deadline. */
export function validateLongRunningTemplate(template: JsonObject | undefined, templatePath: FieldPath, kind: string): FieldError[] {
  const errs: FieldError[] = [];
  const spec = obj(template, 'spec');
  const restartPolicy = str(spec, 'restartPolicy');
  if (restartPolicy !== 'Always') errs.push(notSupported(templatePath.child('spec', 'restartPolicy'), restartPolicy, ['Always']));
  if (has(spec, 'activeDeadlineSeconds')) errs.push(forbidden(templatePath.child('spec', 'activeDeadlineSeconds'), `activeDeadlineSeconds in ${kind} is not Supported`));
  return errs;
}
