import { clearField, fromBinary } from '@bufbuild/protobuf';
import { closeSync, fstatSync, openSync, readFileSync, readSync } from 'node:fs';
import { dirname, isAbsolute, normalize, resolve, sep } from 'node:path';
import { checkArg, checkOptions } from './check-args';
import { OnnxError } from './errors';
import { ModelProtoSchema, TensorProtoSchema, TensorProto_DataLocation } from './gen/onnx_pb';
import type { ModelProto, TensorProto } from './gen/onnx_pb';
import { walkTensors } from './walk-tensors';

/**
 * Parses the bytes of an `.onnx` file. Initializer bytes are views into `bytes` (no copy), so keep `bytes`
 * unchanged while the model is in use. Tensors stored as external data stay references; use
 * {@link readModelFile} to load them.
 * @throws {OnnxError} `MALFORMED_MODEL` when the bytes are not protobuf, are truncated, or hold no graph.
 * @example const model = readModel(readFileSync('model.onnx')); model.graph?.node.length // 42
 * @see https://onnx.ai/onnx/repo-docs/IR.html
 */
export function readModel(bytes: Uint8Array): ModelProto {
  if (!(bytes instanceof Uint8Array)) {
    throw new OnnxError(
      'INVALID_INPUT',
      `readModel: bytes must be a Uint8Array, got ${typeof bytes}`,
    );
  }
  let model: ModelProto;
  try {
    model = fromBinary(ModelProtoSchema, bytes);
  } catch (cause) {
    const why = cause instanceof Error ? cause.message : String(cause);
    throw new OnnxError(
      'MALFORMED_MODEL',
      `readModel: the ${bytes.byteLength} bytes are not a valid ONNX ModelProto (${why}); the file may be truncated or not an .onnx file`,
      { cause },
    );
  }
  if (model.graph === undefined) {
    throw new OnnxError(
      'MALFORMED_MODEL',
      `readModel: the ${bytes.byteLength} bytes parse as protobuf but hold no ModelProto.graph; not an .onnx model`,
    );
  }
  return model;
}

/** Options of {@link readModelFile}. */
export interface ReadModelFileOptions {
  /**
   * Folder that external-data `location`s are relative to.
   * @defaultValue the folder of the model file
   */
  externalDataDir?: string;
  /**
   * Load external-data tensors into `raw_data` (and mark them as stored inline).
   * @defaultValue true
   */
  loadExternalData?: boolean;
}

function externalEntry(tensor: TensorProto, key: string): string | undefined {
  return tensor.externalData.find((e) => e.key === key)?.value;
}

function parseByteCount(
  tensor: TensorProto,
  key: string,
  text: string | undefined,
): number | undefined {
  if (text === undefined) return undefined;
  const n = Number(text);
  if (!/^\d+$/.test(text) || !Number.isSafeInteger(n)) {
    throw new OnnxError(
      'EXTERNAL_DATA',
      `tensor '${tensor.name}': external_data ${key} is '${text}'; expected a byte count`,
    );
  }
  return n;
}

/**
 * Resolves an external-data location inside `dir`, refusing absolute paths and `..` escapes (a model file must
 * not make us read arbitrary files).
 */
function resolveLocation(tensor: TensorProto, dir: string, location: string): string {
  const normal = normalize(location);
  if (
    isAbsolute(location) ||
    normal === '..' ||
    normal.startsWith(`..${sep}`) ||
    normal.startsWith('../')
  ) {
    throw new OnnxError(
      'EXTERNAL_DATA',
      `tensor '${tensor.name}': external_data location '${location}' leaves the model folder; only relative paths inside it are allowed`,
    );
  }
  return resolve(dir, normal);
}

/** Reads each external tensor's bytes into its `raw_data`. */
export function loadExternalData(model: ModelProto, dir: string): void {
  const handles = new Map<string, { fd: number; size: number }>();
  try {
    const visit = (tensor: TensorProto): void => {
      if (tensor.dataLocation !== TensorProto_DataLocation.EXTERNAL) return;
      const location = externalEntry(tensor, 'location');
      if (location === undefined || location === '') {
        throw new OnnxError(
          'EXTERNAL_DATA',
          `tensor '${tensor.name}': data_location is EXTERNAL but external_data has no 'location'`,
        );
      }
      const path = resolveLocation(tensor, dir, location);
      let handle = handles.get(path);
      if (handle === undefined) {
        let fd: number;
        try {
          fd = openSync(path, 'r');
        } catch (cause) {
          throw new OnnxError(
            'EXTERNAL_DATA',
            `tensor '${tensor.name}': cannot open external data file '${path}'`,
            { cause },
          );
        }
        handle = { fd, size: fstatSync(fd).size };
        handles.set(path, handle);
      }
      const offset = parseByteCount(tensor, 'offset', externalEntry(tensor, 'offset')) ?? 0;
      const length =
        parseByteCount(tensor, 'length', externalEntry(tensor, 'length')) ?? handle.size - offset;
      if (offset + length > handle.size || length < 0) {
        throw new OnnxError(
          'EXTERNAL_DATA',
          `tensor '${tensor.name}': bytes ${offset}..${offset + length} lie outside '${path}' (${handle.size} bytes); the data file is truncated or belongs to another model`,
        );
      }
      const bytes = new Uint8Array(length);
      let done = 0;
      while (done < length) {
        const n = readSync(handle.fd, bytes, done, length - done, offset + done);
        if (n === 0) break;
        done += n;
      }
      tensor.rawData = bytes;
      tensor.externalData = [];
      clearField(tensor, TensorProtoSchema.field.dataLocation);
    };
    if (model.graph) walkTensors(model.graph, visit);
  } finally {
    for (const { fd } of handles.values()) closeSync(fd);
  }
}

/**
 * Reads an `.onnx` file, loading initializers stored as external data (`location`/`offset`/`length`) from files
 * beside it.
 * @throws {OnnxError} `MALFORMED_MODEL` as {@link readModel}; `EXTERNAL_DATA` when the model file or an external
 *   data file is missing, a location leaves the folder, or a range lies outside its file.
 * @example const model = readModelFile('bert.onnx'); // bert.onnx.data is read too
 */
export function readModelFile(path: string, options: ReadModelFileOptions = {}): ModelProto {
  // A number would be read as a file descriptor (0 is stdin: the call would block).
  checkArg('readModelFile', 'path', path, 'string');
  checkOptions('readModelFile', options, {
    externalDataDir: 'string',
    loadExternalData: 'boolean',
  });
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(path);
  } catch (cause) {
    throw new OnnxError('EXTERNAL_DATA', `readModelFile: cannot read '${path}'`, { cause });
  }
  let model: ModelProto;
  try {
    model = readModel(bytes);
  } catch (error) {
    if (error instanceof OnnxError) {
      throw new OnnxError(
        error.code,
        error.message.replace('readModel:', `readModelFile('${path}'):`),
        { cause: error },
      );
    }
    throw error;
  }
  if (options.loadExternalData ?? true)
    loadExternalData(model, options.externalDataDir ?? dirname(path));
  return model;
}
