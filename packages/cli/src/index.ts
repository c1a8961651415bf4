// Reports: the document types, rendering, charts and tables (src/report).
export type * from './report/report-types';
export { renderReport } from './report/render-report';
export { summaryMarkdown } from './report/summary-markdown';
export { writeReport } from './report/write-report';
export { findingsFile } from './report/findings-file';
export { lineChartSvg, type LineChartOptions, type LineSeries } from './report/line-chart-svg';
export {
  dotChartSvg,
  type DotChartOptions,
  type DotGroup,
  type DotPoint,
  type DotSeries,
  type ReferenceLine,
} from './report/dot-chart-svg';
export { confusionMatrixSvg, type ConfusionMatrixOptions } from './report/confusion-matrix-svg';
export {
  htmlTable,
  type HtmlTableOptions,
  type TableCell,
  type TableColumn,
} from './report/html-table';
export { escapeXml } from './report/escape-xml';
export { summarizeCells, type CellSummary } from './report/summarize-cells';
export { summarizeChoiceCells, type ChoiceCell } from './report/summarize-choice-cells';
export { ReportError, type ReportErrorCode } from './report/report-error';
export type { Margin, MarkerShape } from './report/svg-parts';

// The `nlpft` command line: registry, argument parsing, config files, progress (src/cli, src/commands).
export type {
  AnyCommand,
  ArgumentSpec,
  BooleanOptionSpec,
  CliIo,
  CliOutput,
  Command,
  CommandArgs,
  NumberOptionSpec,
  OptionSpec,
  OptionSpecs,
  OptionValues,
  PathOptionSpec,
  StringOptionSpec,
} from './cli/types';
export { runCli, type RunCliOptions } from './cli/run-cli';
export { defineCommand } from './cli/define-command';
export { CliError, type CliErrorCode } from './cli/errors';
export { configValues, loadConfig, readConfigFile } from './cli/config-file';
export {
  ProgressReporter,
  createProgress,
  formatDuration,
  formatProgressExtra,
  type ProgressEvent,
  type ProgressOptions,
  type ProgressStream,
} from './cli/progress';
export { commandProgress, type Progress } from './cli/command-progress';
export { nodeIo } from './cli/node-io';
export { NLPFT_PROGRAM } from './cli/program';
export type { ProgramInfo } from './cli/help';
export { builtinCommands } from './commands/builtin-commands';
