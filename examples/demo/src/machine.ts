import { cpus, release, totalmem, type } from 'node:os';

/** One line describing the machine the numbers came from. */
export function machineDescription(): string {
  const cpu = cpus();
  return `${cpu.length} cores (${cpu[0]?.model.trim() ?? 'unknown CPU'}), ${Math.round(totalmem() / 2 ** 30)} GB, ${type()} ${release()}, Node ${process.versions.node}`;
}
