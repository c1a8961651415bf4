export type * from './report/report-types';
export { renderReport } from './report/render-report';
export { summaryMarkdown } from './report/summary-markdown';
export { writeReport } from './report/write-report';
export { findingsFile } from './report/findings-file';
export { lineChartSvg } from './report/line-chart-svg';
export type { LineChartOptions, LineSeries } from './report/line-chart-svg';
export { dotChartSvg } from './report/dot-chart-svg';
export type {
  DotChartOptions,
  DotGroup,
  DotPoint,
  DotSeries,
  ReferenceLine,
} from './report/dot-chart-svg';
export { confusionMatrixSvg } from './report/confusion-matrix-svg';
export type { ConfusionMatrixOptions } from './report/confusion-matrix-svg';
export { htmlTable } from './report/html-table';
export type { HtmlTableOptions, TableCell, TableColumn } from './report/html-table';
export { escapeXml } from './report/escape-xml';
export { summarizeCells } from './report/summarize-cells';
export type { CellSummary } from './report/summarize-cells';
export { summarizeChoiceCells } from './report/summarize-choice-cells';
export type { ChoiceCell } from './report/summarize-choice-cells';
export { ReportError } from './report/report-error';
export type { ReportErrorCode } from './report/report-error';
export type { Margin, MarkerShape } from './report/svg-parts';
// The `nlpft` command line: registry, argument parsing, config files, progress (src/cli, src/commands).
export { runCli } from './cli/run-cli';
export type { RunCliOptions } from './cli/run-cli';
export { defineCommand } from './cli/define-command';
export { CliError } from './cli/errors';
export type { CliErrorCode } from './cli/errors';
export { configValues, loadConfig, readConfigFile } from './cli/config-file';
export {
  ProgressReporter,
  createProgress,
  formatDuration,
  formatProgressExtra,
} from './cli/progress';
export type { ProgressEvent, ProgressOptions, ProgressStream } from './cli/progress';
export { commandProgress } from './cli/command-progress';
export type { Progress } from './cli/command-progress';
export { nodeIo } from './cli/node-io';
export { NLPFT_PROGRAM } from './cli/program';
export type { ProgramInfo } from './cli/help';
export { builtinCommands } from './commands/builtin-commands';
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
