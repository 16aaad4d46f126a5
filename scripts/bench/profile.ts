/** Starts and stops the V8 CPU profiler from inside a process, to profile one phase only. */
import * as fs from 'node:fs';
import { Session } from 'node:inspector';

let session: Session | undefined;

function post<T>(method: string, params?: object): Promise<T> {
  return new Promise((resolve, reject) => session!.post(method, params ?? {}, (error, result) => (error ? reject(error) : resolve(result as T))));
}

export async function startProfile(): Promise<void> {
  session = new Session();
  session.connect();
  await post('Profiler.enable');
  await post('Profiler.setSamplingInterval', { interval: 200 });
  await post('Profiler.start');
}

export async function stopProfile(file: string): Promise<void> {
  const { profile } = await post<{ profile: unknown }>('Profiler.stop');
  fs.writeFileSync(file, JSON.stringify(profile));
  session!.disconnect();
  session = undefined;
}
