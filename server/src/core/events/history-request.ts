/**
 * Which earlier committed versions the IO layer reads for the transitive compatibility modes, decided from the
 * workspace's dplens.yml text before the index is built (the base is read alongside the workspace).
 */
import { parseDplensConfig } from '../config/dplens-config';
import { mayBeEventSchema } from './detect';
import { historyDepthFor } from './settings';

/** For each changed file, how many earlier versions to read, or undefined for none. */
export function eventHistoryRequest(configText: string | undefined): (path: string) => number | undefined {
  if (configText === undefined || !configText.includes('events')) return () => undefined;
  const settings = parseDplensConfig(configText).config.events;
  return (path) => historyDepthFor(settings, path, mayBeEventSchema);
}
