/**
 * Generates the reference pages in docs/reference/ from the TSDoc of the SDK's exported
 * classes, interfaces and functions, with the TypeScript compiler API. A test compares the
 * generated text with the committed files, so the pages cannot fall behind the code.
 */
import * as path from "node:path";
import ts from "typescript";

export interface ReferencePage {
  file: string;
  text: string;
}

/** SDK source files and the page each one becomes. */
const pages: [string, string, string][] = [
  ["sdk/campaign.ts", "campaign.md", "Campaign"],
  ["sdk/creative.ts", "creative.md", "Creative"],
  ["sdk/money.ts", "money.md", "Money helpers"],
  ["sdk/insights.ts", "insights.md", "Insights"],
];

export function generateReference(repoRoot: string): ReferencePage[] {
  const files = pages.map(([source]) => path.join(repoRoot, source));
  const program = ts.createProgram(files, { strict: true, skipLibCheck: true, noEmit: true });
  return pages.map(([source, page, title]) => {
    const sourceFile = program.getSourceFile(path.join(repoRoot, source));
    if (!sourceFile) {
      throw new Error(`cannot read ${source}`);
    }
    const sections = sourceFile.statements.flatMap((statement) =>
      describeStatement(statement, sourceFile),
    );
    const header =
      `# ${title}\n\nGenerated from \`${source}\` by \`npm run docs\`; ` + "do not edit by hand.\n";
    return { file: page, text: `${header}\n${sections.join("\n")}` };
  });
}

function describeStatement(statement: ts.Statement, sourceFile: ts.SourceFile): string[] {
  const docs = docOf(statement, sourceFile);
  if (ts.isInterfaceDeclaration(statement)) {
    const members = statement.members.filter(ts.isPropertySignature);
    const heritage =
      statement.heritageClauses?.map((clause) =>
        clause.types.map((type) => type.getText(sourceFile)).join(", "),
      ) ?? [];
    const rows = members.map((member) => {
      const optional = member.questionToken ? "no" : "yes";
      const type = (member.type?.getText(sourceFile) ?? "")
        .replace(/\s+/g, " ")
        .replace(/\|/g, "\\|");
      return (
        `| \`${member.name.getText(sourceFile)}\` | \`${type}\` | ${optional} | ` +
        `${oneLine(docOf(member, sourceFile))} |`
      );
    });
    return [
      `## ${statement.name.text}${heritage.length ? ` (extends ${heritage.join(", ")})` : ""}\n`,
      docs ? `${docs}\n` : "",
      "| Property | Type | Required | Description |",
      "|---|---|---|---|",
      ...rows,
      "",
    ];
  }
  if (ts.isClassDeclaration(statement) && statement.name) {
    const outputs = statement.members
      .filter(ts.isPropertyDeclaration)
      .map(
        (member) =>
          `| \`${member.name.getText(sourceFile)}\` | ${oneLine(docOf(member, sourceFile))} |`,
      );
    return [
      `## class ${statement.name.text}\n`,
      docs ? `${docs}\n` : "",
      "Properties:\n",
      "| Property | Description |",
      "|---|---|",
      ...outputs,
      "",
    ];
  }
  if (ts.isFunctionDeclaration(statement) && statement.name) {
    const text = statement.getText(sourceFile);
    const bodyStart = statement.body
      ? statement.body.getStart(sourceFile) - statement.getStart(sourceFile)
      : text.length;
    const signature = text.slice(0, bodyStart).trim();
    return [`## ${statement.name.text}()\n`, "```ts", signature, "```\n", docs ? `${docs}\n` : ""];
  }
  if (ts.isTypeAliasDeclaration(statement) || ts.isVariableStatement(statement)) {
    if (!docs || !isExported(statement)) {
      return [];
    }
    return [
      `## ${statement
        .getText(sourceFile)
        .split(/[=:]/)[0]
        ?.replace(/^export\s+/, "")
        .trim()}\n`,
      `${docs}\n`,
    ];
  }
  return [];
}

function isExported(statement: ts.Statement): boolean {
  return (
    ts.canHaveModifiers(statement) &&
    (ts.getModifiers(statement) ?? []).some((m) => m.kind === ts.SyntaxKind.ExportKeyword)
  );
}

function docOf(node: ts.Node, sourceFile: ts.SourceFile): string {
  const ranges = ts.getLeadingCommentRanges(sourceFile.text, node.getFullStart()) ?? [];
  const docComment = ranges
    .map((range) => sourceFile.text.slice(range.pos, range.end))
    .filter((text) => text.startsWith("/**"))
    .pop();
  if (!docComment) {
    return "";
  }
  return docComment
    .replace(/^\/\*\*\s*/, "")
    .replace(/\s*\*\/$/, "")
    .split("\n")
    .map((line) => line.replace(/^\s*\* ?/, ""))
    .join("\n")
    .replace(/\{@link (\w+)\}/g, "`$1`")
    .trim();
}

function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, " ").replace(/\|/g, "\\|");
}
