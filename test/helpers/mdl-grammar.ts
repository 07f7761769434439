// The parts of mxcli's MDL grammar the kit's scripts use, transcribed rule by rule from
// mendixlabs/mxcli mdl/grammar at commit 6f336073f754acedaa5f58e576f7f344b3d7a61c:
//   MDLLexer.g4               tokens (strings, comments, identifiers, keywords, punctuation)
//   MDLParser.g4              program, statement, ddlStatement, createStatement, securityStatement
//   domains/MDLMicroflow.g4   createMicroflowStatement, microflowParameter, microflowReturnType,
//                             microflowOption, microflowStatement, callJavaActionStatement,
//                             callArgument, parameterName, changeObjectStatement, returnStatement
//   domains/MDLSettings.g4    expression .. atomicExpression, literal, qualifiedName,
//                             identifierOrKeyword, docComment, annotation, keyword
// Two domain files of that commit are not in the searchable index, so their rules come from:
//   domains/MDLSecurity.g4    createModuleRoleStatement `CREATE (OR MODIFY)? MODULE ROLE ...`,
//                             grantEntityAccessStatement (the `GRANT roles ON entity (...)` form),
//                             revokeEntityAccessStatement (the `REVOKE roles ON entity` form),
//                             grantMicroflowAccessStatement, entityAccessRight, entityMemberName:
//                             the version whose securityStatement matches 6f336073's dispatch list
//                             (it still has grantWorkflowAccessStatement and PROJECT SECURITY);
//                             the newest (ako/mxcli@f6a61ff8) accepts the same statements.
//   domains/MDLDomainModel.g4 createEntityStatement, entityBody, attributeDefinition,
//                             attributeName, attributeConstraint, dataType,
//                             createAssociationStatement, associationOption, deleteBehavior,
//                             createModuleStatement, createConstantStatement, constantOption:
//                             ako/mxcli@074c6e19 (mendixlabs publishes ako/mxcli); each rule used
//                             here is also in the single-file MDLParser.g4 of mendixlabs@8995ae37
//                             except `string(IDENTIFIER)` and `MODULE identifierOrKeyword`.
// Microflow activities (issue 12), from domains/MDLMicroflow.g4 @6f336073 (index id 69135366789):
//   retrieveStatement, retrieveSource, createObjectStatement, memberAssignment,
//   memberAttributeName, commitStatement, deleteObjectStatement, declareStatement, setStatement,
//   attributePath, callMicroflowStatement, restCallStatement, httpMethod, restCallUrl,
//   restCallHeaderClause, restCallAuthClause, restCallBodyClause, restCallReturnsClause,
//   onErrorClause, ifStatement, showMessageStatement, validationFeedbackStatement, logStatement,
//   logLevel, templateParams, templateParam, createJavaActionStatement, javaActionParameter,
//   javaActionReturnType, createNanoflowStatement, callJavaScriptActionStatement (issue 12, the
//   authorize nanoflow). grantNanoflowAccessStatement `GRANT EXECUTE ON NANOFLOW qualifiedName TO
//   moduleRoleList` from the same MDLSecurity.g4 versions as grantMicroflowAccessStatement (index
//   ids 57950538728, 62542234448). XPath inside a retrieve (xpathConstraint, xpathExpr ..
//   xpathWord, xpathFunctionCall) from the MDLPage.g4 that has the dedicated XPath rules (index id
//   55027404584; the stored version shows no commit). The NODE keyword of logStatement is in
//   MDLLexer.g4 (index id 52813616743, "NODE: N O D E;").
// The configuration snippet (issue 12): createStatement's createSnippetStatement branch
// (MDLParser.g4, index id 70648802199) and, from domains/MDLPage.g4 @01e78788 (index id
// 55027404584; the index holds no MDLPage.g4 of 6f336073): createSnippetStatement,
// snippetHeaderV3, snippetHeaderPropertyV3, pageBodyV3, widgetV3, widgetTypeV3, widgetBodyV3,
// widgetPropertiesV3, widgetPropertyV3, dataSourceExprV3, actionExprV3, microflowArgsV3,
// microflowArgV3, attributePathV3, stringExprV3, buttonStyleV3, propertyValueV3. Page tokens
// (DATAVIEW, TEXTBOX, CHECKBOX, ACTIONBUTTON, FOOTER, DATASOURCE, BUTTONSTYLE, EDITABLE, PRIMARY,
// DANGER, PASSWORD, LABEL, CAPTION) from MDLLexer.g4 (index id 52813616743).
// JSON structures and import mappings (the OAuth token response): MDLParser.g4 @6f336073 lists
//   createJsonStructureStatement and createImportMappingStatement in createStatement (index id
//   69205916547), but their bodies live in a domain file the index does not hold at that commit.
//   Two stored versions were read: MDLDomainModel.g4 (index id 52953465605) and a later
//   MDLSettings.g4 (index id 62547038755). Transcribed is what both accept:
//   createJsonStructureStatement: JSON STRUCTURE qualifiedName (FOLDER STRING_LITERAL)? (COMMENT STRING_LITERAL)?
//       SNIPPET (STRING_LITERAL | DOLLAR_STRING) (CUSTOM_NAME_MAP ...)?      [custom name map not transcribed]
//   createImportMappingStatement: IMPORT MAPPING qualifiedName importMappingWithClause?
//       LBRACE importMappingRootElement RBRACE   [the later version's (FOLDER STRING_LITERAL)? after the name is
//       transcribed too (issue 18): MDLSettings.g4, index id 62547038755]
//   importMappingWithClause: WITH JSON STRUCTURE qualifiedName
//   importMappingRootElement: importMappingObjectHandling qualifiedName LBRACE importMappingChild (COMMA importMappingChild)* RBRACE
//   importMappingChild: identifierOrKeyword EQUALS identifierOrKeyword KEY?   [the value alternative;
//       the later version's jsonMemberPath (a/b/c) accepts a single name the same way]
//   importMappingObjectHandling: CREATE | FIND | FIND OR CREATE
//   and, from MDLMicroflow.g4 @6f336073 (index id 69135366789), restCallReturnsClause's
//   RETURNS MAPPING qualifiedName AS qualifiedName (an import mapping's single object).
// Only the alternatives the kit writes are transcribed; anything else is a syntax error here,
// which errs on the safe side. The real ANTLR grammar is not run: generating a parser needs the
// ANTLR tool, and the .g4 files may not be copied into this repository.
//
// String literals: STRING_LITERAL is '\'' ( ~['\\] | '\\' . | '\'\'' )* '\'' at 6f336073; the
// older lexer (8995ae37) excludes raw \r \n. The stricter one is enforced: a raw line break in a
// string is an error, as it is for older mxcli releases.

export interface Token {
  type: string;
  text: string;
  start: number;
  end: number;
  /** Skipped by the parser (whitespace is not kept at all). */
  hidden: boolean;
}

export class MdlSyntaxError extends Error {}

// Single-word keyword tokens (MDLLexer.g4 @6f336073, case-insensitive). A word not listed lexes
// as IDENTIFIER here; that is exact for every word the kit writes where only IDENTIFIER is
// accepted (`applyentityaccess` in annotationName, `unlimited` in string(...)): neither is a
// token of the lexer. Everywhere else names are quoted or accepted as identifierOrKeyword.
const KEYWORDS = new Set(
  (
    "create alter drop rename move modify merge entity persistent view external association enumeration module microflow " +
    "nanoflow workflow page snippet layout constant attribute column columns index owner store reference generalization " +
    "extends add set position documentation storage table restrict cascade prevent connect disconnect local project show " +
    "describe use select from where having first offset limit as returns returning case when then else end distinct all " +
    "join left right inner outer full cross on asc desc begin declare change retrieve delete commit rollback loop while if " +
    "elsif elseif continue break return throw log call java javascript action actions close empty object objects caption " +
    "icon folder folders string integer long decimal boolean datetime date autonumber autoowner autochangedby " +
    "autocreateddate autochangeddate binary hashedstring currency float stringtemplate enum count sum avg min max length " +
    "trim coalesce cast and or not null in between like match exists unique default true false validation feedback rule " +
    "required nullable error raise range regex pattern expression xpath constraint calculated rest service value key into " +
    "exposed client type security role roles grant revoke access user read write description annotation anchor comment " +
    "execute script check build text both to of for replace none with without events refresh list title url body " +
    "username password status version path method header headers content label data event message messages parameter " +
    "parameters operation response request source target timeout widget widgets style class " +
    "navigation home login menu item row container image images file link map mapping json xml api service services " +
    "publish published odata client clients session guest basic auth authentication oauth get post put patch send " +
    "receive deprecated resource export import generate connector query database connection connections host port " +
    "token branch runtime schema level demo matrix apply manage production prototype users groups task decision split " +
    "outcome outcomes timer wait annotations boundary interrupting subprocess multi by display activity condition off " +
    "info warning trace critical debug error ignore raise head tail find sort union intersect subtract contains average " +
    "minimum maximum remove top bottom left right node structure " +
    // SEARCH (microflowUrlClause, the later MDLMicroflow.g4, code index id 70338693740; issue 18).
    "search " +
    // Page and widget tokens (MDLLexer.g4, "PAGE / WIDGET KEYWORDS", index id 52813616743).
    "dataview textbox checkbox actionbutton footer datasource buttonstyle editable primary danger"
  ).split(" "),
);

/** Tokens that span several words or hold a hyphen/underscore (MDLLexer.g4 @6f336073). */
const COMPOUND: [string, RegExp][] = [
  ["NON_PERSISTENT", /non-persistent/iy],
  ["DELETE_AND_REFERENCES", /delete(?:[ \t\r\n\v\f]+and[ \t\r\n\v\f]+references|_and_references|andreferences)/iy],
  ["DELETE_BUT_KEEP_REFERENCES", /delete(?:[ \t\r\n\v\f]+but[ \t\r\n\v\f]+keep[ \t\r\n\v\f]+references|_but_keep_references|butkeepreferences)/iy],
  ["DELETE_IF_NO_REFERENCES", /delete(?:[ \t\r\n\v\f]+if[ \t\r\n\v\f]+no[ \t\r\n\v\f]+references|_if_no_references|ifnoreferences)/iy],
  ["REFERENCE_SET", /reference_?set/iy],
  ["DELETE_BEHAVIOR", /delete_?behavior/iy],
  ["NOT_NULL", /not[ \t\r\n\v\f]+null/iy],
];

const PUNCTUATION: [string, string][] = [
  ["<>", "NOT_EQUALS"], ["!=", "NOT_EQUALS"], ["<=", "LESS_THAN_OR_EQUAL"], [">=", "GREATER_THAN_OR_EQUAL"],
  ["::", "DOUBLE_COLON"], ["->", "ARROW"], ["=", "EQUALS"], ["<", "LESS_THAN"], [">", "GREATER_THAN"], ["+", "PLUS"],
  ["-", "MINUS"], ["*", "STAR"], ["/", "SLASH"], ["%", "PERCENT"], [";", "SEMICOLON"], [",", "COMMA"], [".", "DOT"],
  ["(", "LPAREN"], [")", "RPAREN"], ["{", "LBRACE"], ["}", "RBRACE"], ["[", "LBRACKET"], ["]", "RBRACKET"], [":", "COLON"],
  ["@", "AT"], ["|", "PIPE"], ["?", "QUESTION"], ["#", "HASH"],
];

const sticky = (source: string) => new RegExp(source, "y");
const RULES: [string, RegExp][] = [
  ["WS", /[ \t\r\n\v\f]+/y],
  ["DOC_COMMENT", /\/\*\*[\s\S]*?\*\//y],
  ["BLOCK_COMMENT", /\/\*[\s\S]*?\*\//y],
  ["LINE_COMMENT", /--[^\r\n]*/y],
  ["MENDIX_TOKEN", /\[%[\s\S]*?%\]/y],
  // Stricter than 6f336073 (which also allows raw CR/LF): see the header.
  ["STRING_LITERAL", /'(?:[^'\\\r\n]|\\[^\r\n]|'')*'/y],
  ["DOLLAR_STRING", /\$\$[\s\S]*?\$\$/y],
  ["NUMBER_LITERAL", /[0-9]+(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/y],
  ["VARIABLE", /\$[A-Za-z0-9_]+/y],
  ["HYPHENATED_ID", sticky("[A-Za-z_][A-Za-z0-9_]*(?:-[A-Za-z0-9_]*)+")],
  ["WORD", /[A-Za-z_][A-Za-z0-9_]*/y],
  ["QUOTED_IDENTIFIER", /"[^"\r\n]*"|`[^`\r\n]*`/y],
];

/** ANTLR lexing: the longest match wins; on a tie, the rule defined first. */
export function lex(source: string): Token[] {
  const tokens: Token[] = [];
  let at = 0;
  while (at < source.length) {
    let best: { type: string; length: number } | undefined;
    const consider = (type: string, length: number) => {
      if (length > 0 && (!best || length > best.length)) best = { type, length };
    };
    for (const [type, pattern] of COMPOUND) {
      pattern.lastIndex = at;
      const m = pattern.exec(source);
      if (m) consider(type, m[0].length);
    }
    for (const [type, pattern] of RULES) {
      pattern.lastIndex = at;
      const m = pattern.exec(source);
      if (!m) continue;
      if (type === "WORD") consider(KEYWORDS.has(m[0].toLowerCase()) ? m[0].toUpperCase() + "_KW" : "IDENTIFIER", m[0].length);
      else consider(type, m[0].length);
    }
    for (const [text, type] of PUNCTUATION) if (source.startsWith(text, at)) consider(type, text.length);
    if (!best) {
      const line = source.slice(0, at).split("\n").length;
      throw new MdlSyntaxError(`line ${line}: token recognition error at: ${JSON.stringify(source.slice(at, at + 10))}`);
    }
    const text = source.slice(at, at + best.length);
    if (best.type !== "WS") {
      tokens.push({ type: best.type, text, start: at, end: at + best.length, hidden: best.type === "BLOCK_COMMENT" || best.type === "LINE_COMMENT" });
    }
    at += best.length;
  }
  return tokens;
}

// ---------------------------------------------------------------------------------------------
// Parser: one function per grammar rule, named after it.

export interface JavaActionCall {
  microflow: string[];
  output?: string;
  action: string[];
  /** Parameter name -> argument expression as written. */
  args: [string, string][];
}

export interface ParsedStatement {
  rule: string;
  /** Qualified name the statement is about, segments unquoted. */
  name: string[];
  text: string;
  annotations: string[];
  /** JSON structure: its folder and snippet; import mapping: its structure, entity and `attribute=key` values. */
  parts?: string[];
}

/**
 * One microflow body statement, for the parity test: its rule, its parts in order (expressions
 * as Mendix writes them: string literals decoded and re-quoted with '', quoted names unquoted;
 * texts decoded), and an if statement's branches.
 */
export interface MdlActivity {
  rule: string;
  parts: string[];
  then?: MdlActivity[];
  else?: MdlActivity[];
}

export interface ParsedScript {
  statements: ParsedStatement[];
  /** Each microflow's body, statement by statement. */
  bodies: { microflow: string[]; body: MdlActivity[] }[];
  calls: JavaActionCall[];
  /** Each microflow's return expression as written, if it has a return statement. */
  returns: { microflow: string[]; expression: string }[];
  /** Rules used, for the test that every rule transcribed is exercised. */
  rulesUsed: Set<string>;
  /** Each snippet's widget tree, for the widget-by-widget parity test. */
  snippets: { name: string[]; widgets: MdlWidget[] }[];
}

/**
 * One widget as written: its type keyword (lower case), name, properties (values normalised:
 * strings decoded, quoted names unquoted, a microflow call as `Module.Name(Param = $value, ...)`),
 * and its children.
 */
export interface MdlWidget {
  type: string;
  name: string;
  props: Record<string, string>;
  children: MdlWidget[];
}

export function parseMdl(source: string): ParsedScript {
  return new Parser(source).program();
}

const kw = (word: string) => `${word.toUpperCase()}_KW`;

class Parser {
  private readonly tokens: Token[];
  private at = 0;
  private readonly result: ParsedScript = { statements: [], bodies: [], calls: [], returns: [], rulesUsed: new Set(), snippets: [] };
  private currentMicroflow: string[] = [];

  constructor(private readonly source: string) {
    this.tokens = lex(source).filter((t) => !t.hidden);
  }

  // program: statement* EOF
  program(): ParsedScript {
    while (this.peek()) this.statement();
    return this.result;
  }

  // statement: docComment? (ddlStatement | dqlStatement | utilityStatement) SEMICOLON? SLASH?
  private statement(): void {
    const start = this.at;
    this.used("statement");
    this.optional("DOC_COMMENT");
    const stmt = this.ddlStatement();
    this.optional("SEMICOLON");
    this.optional("SLASH");
    stmt.text = this.source.slice(this.tokens[start]!.start, this.tokens[this.at - 1]!.end);
    this.result.statements.push(stmt);
  }

  // ddlStatement: createStatement | securityStatement | ...
  private ddlStatement(): ParsedStatement {
    if (this.is(kw("grant")) || this.is(kw("revoke"))) return this.securityStatement();
    if (this.is(kw("rename"))) return this.renameStatement();
    if (this.is(kw("alter"))) return this.alterEntityRenameAttribute();
    // createModuleRoleStatement (securityStatement) starts like createStatement: CREATE (OR MODIFY)? MODULE ROLE
    let look = this.at;
    if (this.typeAt(look) === "DOC_COMMENT") look++;
    if (this.typeAt(look) === kw("create")) {
      look++;
      if (this.typeAt(look) === kw("or") && this.typeAt(look + 1) === kw("modify")) look += 2;
      if (this.typeAt(look) === kw("module") && this.typeAt(look + 1) === kw("role") && this.startsQualifiedName(look + 2)) {
        return this.securityStatement();
      }
    }
    return this.createStatement();
  }

  // createStatement: docComment? annotation* CREATE (OR (MODIFY | REPLACE))? ( createEntityStatement | ... )
  private createStatement(): ParsedStatement {
    this.used("createStatement");
    this.optional("DOC_COMMENT");
    const annotations: string[] = [];
    while (this.is("AT")) annotations.push(this.annotation());
    this.expect(kw("create"));
    if (this.accept(kw("or"))) {
      if (!this.accept(kw("modify"))) this.expect(kw("replace"));
    }
    let stmt: ParsedStatement;
    if (this.is(kw("persistent")) || this.is("NON_PERSISTENT")) stmt = this.createEntityStatement();
    else if (this.is(kw("association"))) stmt = this.createAssociationStatement();
    else if (this.is(kw("module"))) stmt = this.createModuleStatement();
    else if (this.is(kw("microflow"))) stmt = this.createMicroflowStatement();
    else if (this.is(kw("nanoflow"))) stmt = this.createNanoflowStatement();
    else if (this.is(kw("constant"))) stmt = this.createConstantStatement();
    else if (this.is(kw("java"))) stmt = this.createJavaActionStatement();
    else if (this.is(kw("snippet"))) stmt = this.createSnippetStatement();
    else if (this.is(kw("json"))) stmt = this.createJsonStructureStatement();
    else if (this.is(kw("import"))) stmt = this.createImportMappingStatement();
    else throw this.error("a create statement the kit uses (entity, association, module, microflow, constant, java action, json structure, import mapping, snippet)");
    stmt.annotations = annotations;
    return stmt;
  }

  // createSnippetStatement: SNIPPET qualifiedName snippetHeaderV3? snippetOptions? LBRACE pageBodyV3 RBRACE
  // snippetHeaderV3: LPAREN snippetHeaderPropertyV3 (COMMA snippetHeaderPropertyV3)* RPAREN
  // snippetHeaderPropertyV3: ... | FOLDER COLON STRING_LITERAL  (the only alternative the kit writes)
  private createSnippetStatement(): ParsedStatement {
    this.used("createSnippetStatement");
    this.expect(kw("snippet"));
    const name = this.qualifiedName();
    if (this.accept("LPAREN")) {
      this.used("snippetHeaderV3");
      do {
        this.expect(kw("folder"));
        this.expect("COLON");
        this.expect("STRING_LITERAL");
      } while (this.accept("COMMA"));
      this.expect("RPAREN");
    }
    this.expect("LBRACE");
    const widgets = this.pageBodyV3();
    this.expect("RBRACE");
    this.result.snippets.push({ name, widgets });
    return this.stmt("createSnippetStatement", name);
  }

  // pageBodyV3: (widgetV3 | useFragmentRef)*  (no fragments here)
  private pageBodyV3(): MdlWidget[] {
    this.used("pageBodyV3");
    const widgets: MdlWidget[] = [];
    while (!this.is("RBRACE")) widgets.push(this.widgetV3());
    return widgets;
  }

  // widgetV3: widgetTypeV3 (IDENTIFIER | QUOTED_IDENTIFIER) widgetPropertiesV3? widgetBodyV3?
  // widgetTypeV3: ... | DATAVIEW | TEXTBOX | CHECKBOX | ACTIONBUTTON | FOOTER | ...  (those the kit writes)
  // widgetPropertiesV3: LPAREN widgetPropertyV3 (COMMA widgetPropertyV3)* RPAREN
  // widgetBodyV3: LBRACE pageBodyV3 RBRACE
  private widgetV3(): MdlWidget {
    this.used("widgetV3");
    const type = this.expectOneOf(kw("dataview"), kw("textbox"), kw("checkbox"), kw("actionbutton"), kw("footer")).text.toLowerCase();
    const nameToken = this.expectOneOf("IDENTIFIER", "QUOTED_IDENTIFIER");
    const widget: MdlWidget = { type, name: nameToken.type === "QUOTED_IDENTIFIER" ? nameToken.text.slice(1, -1) : nameToken.text, props: {}, children: [] };
    if (this.accept("LPAREN")) {
      do this.widgetPropertyV3(widget);
      while (this.accept("COMMA"));
      this.expect("RPAREN");
    }
    if (this.accept("LBRACE")) {
      this.used("widgetBodyV3");
      widget.children = this.pageBodyV3();
      this.expect("RBRACE");
    }
    return widget;
  }

  // widgetPropertyV3: DATASOURCE COLON dataSourceExprV3 | ATTRIBUTE COLON attributePathV3
  //   | ACTION COLON actionExprV3 | CAPTION COLON stringExprV3 | LABEL COLON STRING_LITERAL
  //   | BUTTONSTYLE COLON buttonStyleV3 | EDITABLE COLON propertyValueV3
  //   | keyword COLON propertyValueV3  (generic: `password: true`) | ...
  // dataSourceExprV3: ... | MICROFLOW qualifiedName microflowArgsV3? | ...
  // actionExprV3: ... | MICROFLOW qualifiedName microflowArgsV3? | ...
  // attributePathV3: (IDENTIFIER | QUOTED_IDENTIFIER | keyword) (SLASH (IDENTIFIER | QUOTED_IDENTIFIER | keyword))*
  // stringExprV3: STRING_LITERAL | ...
  // buttonStyleV3: PRIMARY | DEFAULT | SUCCESS | DANGER | WARNING | WARNING_STYLE | INFO | INFO_STYLE | IDENTIFIER
  // propertyValueV3: STRING_LITERAL | QUOTED_IDENTIFIER | NUMBER_LITERAL | booleanLiteral | qualifiedName | IDENTIFIER | ...
  private widgetPropertyV3(widget: MdlWidget): void {
    this.used("widgetPropertyV3");
    const key = this.next();
    if (!key.type.endsWith("_KW") && key.type !== "IDENTIFIER") throw this.error("a widget property name");
    this.expect("COLON");
    const name = key.text.toLowerCase();
    switch (key.type) {
      case kw("datasource"):
      case kw("action"):
        this.used(key.type === kw("datasource") ? "dataSourceExprV3" : "actionExprV3");
        this.expect(kw("microflow"));
        widget.props[name] = this.qualifiedName().join(".") + this.microflowArgsV3();
        return;
      case kw("attribute"):
        this.used("attributePathV3");
        widget.props[name] = this.identifierOrKeyword();
        while (this.accept("SLASH")) widget.props[name] += `/${this.identifierOrKeyword()}`;
        return;
      case kw("caption"):
      case kw("label"):
        this.used(key.type === kw("caption") ? "stringExprV3" : "widgetPropertyV3");
        widget.props[name] = this.textOf(this.expect("STRING_LITERAL"));
        return;
      case kw("buttonstyle"):
        this.used("buttonStyleV3");
        widget.props[name] = this.expectOneOf(kw("primary"), kw("default"), kw("danger"), "IDENTIFIER").text.toLowerCase();
        return;
      default: {
        // EDITABLE COLON propertyValueV3, keyword COLON propertyValueV3: a Boolean or a word.
        this.used("propertyValueV3");
        widget.props[name] = this.expectOneOf(kw("true"), kw("false"), "IDENTIFIER").text.toLowerCase();
      }
    }
  }

  // microflowArgsV3: LPAREN microflowArgV3 (COMMA microflowArgV3)* RPAREN
  // microflowArgV3: (IDENTIFIER | QUOTED_IDENTIFIER) COLON expression | VARIABLE EQUALS expression
  private microflowArgsV3(): string {
    if (!this.accept("LPAREN")) return "";
    this.used("microflowArgsV3");
    const args: string[] = [];
    do {
      const param = this.expectOneOf("IDENTIFIER", "QUOTED_IDENTIFIER");
      this.expect("COLON");
      const [, value] = this.expressionText();
      args.push(`${param.type === "QUOTED_IDENTIFIER" ? param.text.slice(1, -1) : param.text} = ${value}`);
    } while (this.accept("COMMA"));
    this.expect("RPAREN");
    return `(${args.join(", ")})`;
  }

  // createJsonStructureStatement: JSON STRUCTURE qualifiedName (FOLDER STRING_LITERAL)? (COMMENT STRING_LITERAL)?
  //     SNIPPET (STRING_LITERAL | DOLLAR_STRING)
  private createJsonStructureStatement(): ParsedStatement {
    this.used("createJsonStructureStatement");
    this.expect(kw("json"));
    this.expect(kw("structure"));
    const name = this.qualifiedName();
    const folder = this.accept(kw("folder")) ? this.textOf(this.expect("STRING_LITERAL")) : "";
    if (this.accept(kw("comment"))) this.expect("STRING_LITERAL");
    this.expect(kw("snippet"));
    const snippet = this.expectOneOf("STRING_LITERAL", "DOLLAR_STRING");
    const text = snippet.type === "STRING_LITERAL" ? this.textOf(snippet) : snippet.text.slice(2, -2);
    return { ...this.stmt("createJsonStructureStatement", name), parts: [folder, text] };
  }

  // createImportMappingStatement: IMPORT MAPPING qualifiedName importMappingWithClause? LBRACE importMappingRootElement RBRACE
  // importMappingWithClause: WITH JSON STRUCTURE qualifiedName
  // importMappingRootElement: importMappingObjectHandling qualifiedName LBRACE importMappingChild (COMMA importMappingChild)* RBRACE
  // importMappingChild: identifierOrKeyword EQUALS identifierOrKeyword KEY?
  // importMappingObjectHandling: CREATE | FIND | FIND OR CREATE
  private createImportMappingStatement(): ParsedStatement {
    this.used("createImportMappingStatement");
    this.expect(kw("import"));
    this.expect(kw("mapping"));
    const name = this.qualifiedName();
    // (FOLDER STRING_LITERAL)? after the name: the later MDLSettings.g4 (code index id 62547038755;
    // mxcli 0.19 per its CHANGELOG). Transcribed for issue 18, which moves the mapping into its folder.
    if (this.accept(kw("folder"))) this.expect("STRING_LITERAL");
    let structure = "";
    if (this.accept(kw("with"))) {
      this.expect(kw("json"));
      this.expect(kw("structure"));
      structure = this.qualifiedName().join(".");
    }
    this.expect("LBRACE");
    let handling = "create";
    if (this.accept(kw("find"))) handling = this.accept(kw("or")) ? (this.expect(kw("create")), "find or create") : "find";
    else this.expect(kw("create"));
    const entity = this.qualifiedName().join(".");
    this.expect("LBRACE");
    const values: string[] = [];
    do {
      const attribute = this.identifierOrKeyword();
      this.expect("EQUALS");
      const key = this.identifierOrKeyword();
      values.push(`${attribute}=${key}${this.accept(kw("key")) ? " key" : ""}`);
    } while (this.accept("COMMA"));
    this.expect("RBRACE");
    this.expect("RBRACE");
    return { ...this.stmt("createImportMappingStatement", name), parts: [structure, handling, entity, ...values] };
  }

  // securityStatement: createModuleRoleStatement | grantEntityAccessStatement | revokeEntityAccessStatement
  //                  | grantMicroflowAccessStatement | ...
  private securityStatement(): ParsedStatement {
    if (this.is(kw("create"))) return this.createModuleRoleStatement();
    if (this.is(kw("revoke")) && this.typeAt(this.at + 1) === kw("execute")) return this.revokeDocumentAccessStatement();
    if (this.is(kw("revoke"))) return this.revokeEntityAccessStatement();
    if (this.typeAt(this.at + 1) === kw("execute") && this.typeAt(this.at + 3) === kw("nanoflow")) return this.grantNanoflowAccessStatement();
    if (this.typeAt(this.at + 1) === kw("execute")) return this.grantMicroflowAccessStatement();
    return this.grantEntityAccessStatement();
  }

  // createModuleRoleStatement: CREATE (OR MODIFY)? MODULE ROLE qualifiedName (DESCRIPTION STRING_LITERAL)?
  private createModuleRoleStatement(): ParsedStatement {
    this.used("createModuleRoleStatement");
    this.expect(kw("create"));
    if (this.accept(kw("or"))) this.expect(kw("modify"));
    this.expect(kw("module"));
    this.expect(kw("role"));
    const name = this.qualifiedName();
    if (this.accept(kw("description"))) this.expect("STRING_LITERAL");
    return this.stmt("createModuleRoleStatement", name);
  }

  // grantEntityAccessStatement: GRANT moduleRoleList ON qualifiedName LPAREN entityAccessRightList RPAREN (WHERE STRING_LITERAL)?
  private grantEntityAccessStatement(): ParsedStatement {
    this.used("grantEntityAccessStatement");
    this.expect(kw("grant"));
    this.moduleRoleList();
    this.expect(kw("on"));
    const name = this.qualifiedName();
    this.expect("LPAREN");
    this.entityAccessRightList();
    this.expect("RPAREN");
    if (this.accept(kw("where"))) this.expect("STRING_LITERAL");
    return this.stmt("grantEntityAccessStatement", name);
  }

  // revokeEntityAccessStatement: REVOKE moduleRoleList ON qualifiedName (LPAREN entityAccessRightList RPAREN)?
  // (the newest MDLSecurity.g4, ako/mxcli, keeps this form as `/* @alias MDL-DEPR082 */`)
  private revokeEntityAccessStatement(): ParsedStatement {
    this.used("revokeEntityAccessStatement");
    this.expect(kw("revoke"));
    this.moduleRoleList();
    this.expect(kw("on"));
    const name = this.qualifiedName();
    if (this.accept("LPAREN")) {
      this.entityAccessRightList();
      this.expect("RPAREN");
    }
    return this.stmt("revokeEntityAccessStatement", name);
  }

  // grantMicroflowAccessStatement: GRANT EXECUTE ON MICROFLOW qualifiedName TO moduleRoleList
  private grantMicroflowAccessStatement(): ParsedStatement {
    this.used("grantMicroflowAccessStatement");
    this.expect(kw("grant"));
    this.expect(kw("execute"));
    this.expect(kw("on"));
    this.expect(kw("microflow"));
    const name = this.qualifiedName();
    this.expect(kw("to"));
    this.moduleRoleList();
    return this.stmt("grantMicroflowAccessStatement", name);
  }

  // grantNanoflowAccessStatement: GRANT EXECUTE ON NANOFLOW qualifiedName TO moduleRoleList
  private grantNanoflowAccessStatement(): ParsedStatement {
    this.used("grantNanoflowAccessStatement");
    this.expect(kw("grant"));
    this.expect(kw("execute"));
    this.expect(kw("on"));
    this.expect(kw("nanoflow"));
    const name = this.qualifiedName();
    this.expect(kw("to"));
    this.moduleRoleList();
    return this.stmt("grantNanoflowAccessStatement", name);
  }

  // revokeMicroflowAccessStatement: REVOKE EXECUTE ON MICROFLOW qualifiedName FROM moduleRoleList
  // revokeNanoflowAccessStatement:  REVOKE EXECUTE ON NANOFLOW qualifiedName FROM moduleRoleList
  // (ako/mxcli mdl/grammar/domains/MDLSecurity.g4:51-53 and :59-61, issue 18)
  private revokeDocumentAccessStatement(): ParsedStatement {
    this.expect(kw("revoke"));
    this.expect(kw("execute"));
    this.expect(kw("on"));
    const rule = this.accept(kw("nanoflow")) ? "revokeNanoflowAccessStatement" : (this.expect(kw("microflow")), "revokeMicroflowAccessStatement");
    this.used(rule);
    const name = this.qualifiedName();
    this.expect(kw("from"));
    this.moduleRoleList();
    return this.stmt(rule, name);
  }

  // renameStatement: RENAME renameTarget qualifiedName TO identifierOrKeyword (DRY RUN)?
  // renameTarget: ENTITY | MICROFLOW | NANOFLOW | PAGE | ENUMERATION | ASSOCIATION | CONSTANT | JAVA ACTION | WORKFLOW
  // (ako/mxcli mdl/grammar/MDLParser.g4:328-335; issue 18). Only ENTITY and ASSOCIATION are
  // transcribed, without DRY RUN: the kit writes nothing else.
  private renameStatement(): ParsedStatement {
    this.used("renameStatement");
    this.expect(kw("rename"));
    const target = this.accept(kw("entity")) ? "renameEntityStatement" : (this.expect(kw("association")), "renameAssociationStatement");
    const name = this.qualifiedName();
    this.expect(kw("to"));
    this.identifierOrKeyword();
    return this.stmt(target, name);
  }

  // alterStatement: ALTER ENTITY qualifiedName alterEntityAction+ (ako/mxcli mdl/grammar/MDLParser.g4:132-133)
  // alterEntityAction: RENAME ATTRIBUTE attributeName TO attributeName (domains/MDLDomainModel.g4:200).
  // Only that one action, once, is transcribed (issue 18).
  private alterEntityRenameAttribute(): ParsedStatement {
    this.used("alterEntityRenameAttribute");
    this.expect(kw("alter"));
    this.expect(kw("entity"));
    const name = this.qualifiedName();
    this.expect(kw("rename"));
    this.expect(kw("attribute"));
    this.identifierOrKeyword(); // attributeName: IDENTIFIER | QUOTED_IDENTIFIER | keyword
    this.expect(kw("to"));
    this.identifierOrKeyword();
    return this.stmt("alterEntityRenameAttribute", name);
  }

  // moduleRoleList: qualifiedName (COMMA qualifiedName)*
  private moduleRoleList(): void {
    this.qualifiedName();
    while (this.accept("COMMA")) this.qualifiedName();
  }

  // entityAccessRightList: entityAccessRight (COMMA entityAccessRight)*
  // entityAccessRight: CREATE | DELETE | READ STAR | READ LPAREN entityMemberName (COMMA entityMemberName)* RPAREN | WRITE ...
  // entityMemberName: IDENTIFIER | QUOTED_IDENTIFIER
  private entityAccessRightList(): void {
    this.used("entityAccessRight");
    do {
      if (this.accept(kw("create")) || this.accept(kw("delete"))) continue;
      if (!this.accept(kw("read"))) this.expect(kw("write"));
      if (this.accept("STAR")) continue;
      this.expect("LPAREN");
      do this.expectOneOf("IDENTIFIER", "QUOTED_IDENTIFIER");
      while (this.accept("COMMA"));
      this.expect("RPAREN");
    } while (this.accept("COMMA"));
  }

  // createModuleStatement: MODULE identifierOrKeyword moduleOptions?
  private createModuleStatement(): ParsedStatement {
    this.used("createModuleStatement");
    this.expect(kw("module"));
    const name = [this.identifierOrKeyword()];
    return this.stmt("createModuleStatement", name);
  }

  // createEntityStatement: PERSISTENT ENTITY qualifiedName generalizationClause? entityBody?
  //                      | NON_PERSISTENT ENTITY qualifiedName generalizationClause? entityBody?
  // entityBody: LPAREN attributeDefinitionList? RPAREN entityOptions?
  // attributeDefinitionList: attributeDefinition (COMMA attributeDefinition)*
  private createEntityStatement(): ParsedStatement {
    this.used("createEntityStatement");
    this.next();
    this.expect(kw("entity"));
    const name = this.qualifiedName();
    if (this.accept("LPAREN")) {
      if (!this.is("RPAREN")) {
        do this.attributeDefinition();
        while (this.accept("COMMA"));
      }
      this.expect("RPAREN");
    }
    return this.stmt("createEntityStatement", name);
  }

  // attributeDefinition: docComment? annotation* attributeName COLON dataType attributeConstraint*
  // attributeName: IDENTIFIER | QUOTED_IDENTIFIER | keyword
  // attributeConstraint: ... | DEFAULT (literal | expression)
  private attributeDefinition(): void {
    this.used("attributeDefinition");
    this.optional("DOC_COMMENT");
    while (this.is("AT")) this.annotation();
    this.identifierOrKeyword();
    this.expect("COLON");
    this.dataType();
    while (this.accept(kw("default"))) this.expression();
  }

  // dataType: STRING_TYPE (LPAREN (NUMBER_LITERAL | IDENTIFIER) RPAREN)? | INTEGER_TYPE | LONG_TYPE | DECIMAL_TYPE
  //         | BOOLEAN_TYPE | DATETIME_TYPE | AUTOOWNER_TYPE | ... | qualifiedName
  private dataType(): void {
    this.used("dataType");
    if (this.accept(kw("string"))) {
      if (this.accept("LPAREN")) {
        this.expectOneOf("NUMBER_LITERAL", "IDENTIFIER");
        this.expect("RPAREN");
      }
      return;
    }
    for (const word of ["integer", "long", "decimal", "boolean", "datetime", "autoowner"]) if (this.accept(kw(word))) return;
    this.qualifiedName();
  }

  // createAssociationStatement: ASSOCIATION qualifiedName FROM qualifiedName TO qualifiedName associationOptions?
  // associationOption: TYPE COLON? (REFERENCE | REFERENCE_SET) | OWNER COLON? (DEFAULT | BOTH)
  //                  | DELETE_BEHAVIOR deleteBehavior | COMMENT STRING_LITERAL
  // deleteBehavior: DELETE_AND_REFERENCES | DELETE_BUT_KEEP_REFERENCES | DELETE_IF_NO_REFERENCES | CASCADE | PREVENT
  private createAssociationStatement(): ParsedStatement {
    this.used("createAssociationStatement");
    this.expect(kw("association"));
    const name = this.qualifiedName();
    this.expect(kw("from"));
    this.qualifiedName();
    this.expect(kw("to"));
    this.qualifiedName();
    for (;;) {
      if (this.accept(kw("type"))) {
        this.optional("COLON");
        this.expectOneOf(kw("reference"), "REFERENCE_SET");
      } else if (this.accept(kw("owner"))) {
        this.optional("COLON");
        this.expectOneOf(kw("default"), kw("both"));
      } else if (this.accept("DELETE_BEHAVIOR")) {
        this.expectOneOf("DELETE_AND_REFERENCES", "DELETE_BUT_KEEP_REFERENCES", "DELETE_IF_NO_REFERENCES", kw("cascade"), kw("prevent"));
      } else if (this.accept(kw("comment"))) {
        this.expect("STRING_LITERAL");
      } else break;
    }
    return this.stmt("createAssociationStatement", name);
  }

  // createConstantStatement: CONSTANT qualifiedName TYPE dataType DEFAULT literal constantOptions?
  // constantOption: COMMENT STRING_LITERAL | FOLDER STRING_LITERAL | EXPOSED TO CLIENT
  private createConstantStatement(): ParsedStatement {
    this.used("createConstantStatement");
    this.expect(kw("constant"));
    const name = this.qualifiedName();
    this.expect(kw("type"));
    this.dataType();
    this.expect(kw("default"));
    this.literal();
    for (;;) {
      if (this.accept(kw("comment")) || this.accept(kw("folder"))) this.expect("STRING_LITERAL");
      else if (this.accept(kw("exposed"))) {
        this.expect(kw("to"));
        this.expect(kw("client"));
      } else break;
    }
    return this.stmt("createConstantStatement", name);
  }

  // createJavaActionStatement: JAVA ACTION qualifiedName (FOLDER STRING_LITERAL)? LPAREN javaActionParameterList? RPAREN
  //     javaActionReturnType? javaActionExposedClause? AS DOLLAR_STRING SEMICOLON?
  // javaActionParameter: parameterName COLON dataType NOT_NULL?;  javaActionReturnType: RETURNS dataType
  // (MDLMicroflow.g4 @6f336073; the kit writes no exposed clause)
  private createJavaActionStatement(): ParsedStatement {
    this.used("createJavaActionStatement");
    this.expect(kw("java"));
    this.expect(kw("action"));
    const name = this.qualifiedName();
    if (this.accept(kw("folder"))) this.expect("STRING_LITERAL");
    this.expect("LPAREN");
    if (!this.is("RPAREN")) {
      do {
        this.parameterName();
        this.expect("COLON");
        this.dataType();
        this.optional("NOT_NULL");
      } while (this.accept("COMMA"));
    }
    this.expect("RPAREN");
    if (this.accept(kw("returns"))) this.dataType();
    this.expect(kw("as"));
    this.expect("DOLLAR_STRING");
    return this.stmt("createJavaActionStatement", name);
  }

  // createMicroflowStatement: MICROFLOW qualifiedName LPAREN microflowParameterList? RPAREN
  //     microflowReturnType? microflowOptions? BEGIN microflowBody END SEMICOLON? SLASH?
  // microflowParameter: annotation* (parameterName | VARIABLE) COLON dataType
  // microflowReturnType: RETURNS dataType (AS VARIABLE)?
  // microflowOption: FOLDER STRING_LITERAL | microflowExposedClause
  // microflowBody: microflowStatement*
  private createMicroflowStatement(): ParsedStatement {
    this.used("createMicroflowStatement");
    this.expect(kw("microflow"));
    const name = this.qualifiedName();
    this.currentMicroflow = name;
    this.expect("LPAREN");
    if (!this.is("RPAREN")) {
      do {
        while (this.is("AT")) this.annotation();
        if (!this.accept("VARIABLE")) this.parameterName();
        this.expect("COLON");
        this.dataType();
      } while (this.accept("COMMA"));
    }
    this.expect("RPAREN");
    if (this.accept(kw("returns"))) {
      this.dataType();
      if (this.accept(kw("as"))) this.expect("VARIABLE");
    }
    // microflowOption: FOLDER STRING_LITERAL | microflowUrlClause (the later MDLMicroflow.g4, code
    // index id 70338693740: URL STRING_LITERAL | URL SEARCH PARAMETERS LPAREN microflowUrlSearchParams? RPAREN;
    // microflowUrlSearchParams: VARIABLE (COMMA VARIABLE)* COMMA?). DROP URL is not transcribed.
    for (;;) {
      if (this.accept(kw("folder"))) this.expect("STRING_LITERAL");
      else if (this.accept(kw("url"))) {
        this.used("microflowUrlClause");
        if (this.accept(kw("search"))) {
          this.expect(kw("parameters"));
          this.expect("LPAREN");
          if (this.accept("VARIABLE")) while (this.accept("COMMA") && this.is("VARIABLE")) this.expect("VARIABLE");
          this.expect("RPAREN");
        } else this.expect("STRING_LITERAL");
      } else break;
    }
    this.expect(kw("begin"));
    this.result.bodies.push({ microflow: name, body: this.microflowBody() });
    this.expect(kw("end"));
    this.optional("SEMICOLON");
    this.optional("SLASH");
    return this.stmt("createMicroflowStatement", name);
  }

  // createNanoflowStatement: NANOFLOW qualifiedName LPAREN microflowParameterList? RPAREN
  //     microflowReturnType? microflowOptions? BEGIN microflowBody END SEMICOLON? SLASH?
  // (MDLMicroflow.g4 @6f336073: "mirrors microflow syntax"; the kit writes no parameters and no return type)
  private createNanoflowStatement(): ParsedStatement {
    this.used("createNanoflowStatement");
    this.expect(kw("nanoflow"));
    const name = this.qualifiedName();
    this.currentMicroflow = name;
    this.expect("LPAREN");
    this.expect("RPAREN");
    while (this.accept(kw("folder"))) this.expect("STRING_LITERAL");
    this.expect(kw("begin"));
    this.result.bodies.push({ microflow: name, body: this.microflowBody() });
    this.expect(kw("end"));
    this.optional("SEMICOLON");
    this.optional("SLASH");
    return this.stmt("createNanoflowStatement", name);
  }

  // microflowBody: microflowStatement*   (ends where the enclosing rule goes on: END or ELSE)
  private microflowBody(): MdlActivity[] {
    const body: MdlActivity[] = [];
    while (!this.is(kw("end")) && !this.is(kw("else")) && this.peek()) body.push(this.microflowStatement());
    return body;
  }

  // microflowStatement: annotation* declareStatement SEMICOLON | annotation* createObjectStatement SEMICOLON
  //   | annotation* changeObjectStatement SEMICOLON | annotation* commitStatement SEMICOLON
  //   | annotation* deleteObjectStatement SEMICOLON | annotation* retrieveStatement SEMICOLON
  //   | annotation* ifStatement SEMICOLON | annotation* returnStatement SEMICOLON | annotation* logStatement SEMICOLON
  //   | annotation* callMicroflowStatement SEMICOLON | annotation* callJavaActionStatement SEMICOLON
  //   | annotation* showMessageStatement SEMICOLON | annotation* validationFeedbackStatement SEMICOLON
  //   | annotation* restCallStatement SEMICOLON | annotation* setStatement SEMICOLON | ...
  //   (SEMICOLON required at 6f336073)
  private microflowStatement(): MdlActivity {
    while (this.is("AT")) this.annotation();
    let activity: MdlActivity;
    if (this.is(kw("change"))) activity = this.changeObjectStatement();
    else if (this.is(kw("return"))) activity = this.returnStatement();
    else if (this.is(kw("retrieve"))) activity = this.retrieveStatement();
    else if (this.is(kw("commit"))) activity = this.commitStatement();
    else if (this.is(kw("delete"))) activity = this.deleteObjectStatement();
    else if (this.is(kw("declare"))) activity = this.declareStatement();
    else if (this.is(kw("set"))) activity = this.setStatement();
    else if (this.is(kw("if"))) activity = this.ifStatement();
    else if (this.is(kw("show"))) activity = this.showMessageStatement();
    else if (this.is(kw("validation"))) activity = this.validationFeedbackStatement();
    else if (this.is(kw("log"))) activity = this.logStatement();
    else {
      // (VARIABLE EQUALS)? then CREATE, CALL MICROFLOW, CALL JAVA ACTION or REST CALL
      const after = this.is("VARIABLE") && this.typeAt(this.at + 1) === "EQUALS" ? this.at + 2 : this.at;
      const first = this.typeAt(after);
      if (first === kw("create")) activity = this.createObjectStatement();
      else if (first === kw("rest")) activity = this.restCallStatement();
      else if (first === kw("call") && this.typeAt(after + 1) === kw("microflow")) activity = this.callMicroflowStatement();
      else if (first === kw("call") && this.typeAt(after + 1) === kw("javascript")) activity = this.callJavaScriptActionStatement();
      else activity = this.callJavaActionStatement();
    }
    this.expect("SEMICOLON");
    return activity;
  }

  // callJavaActionStatement: (VARIABLE EQUALS)? CALL JAVA ACTION qualifiedName LPAREN callArgumentList? RPAREN queueClause? onErrorClause?
  // callArgument: (VARIABLE | parameterName) EQUALS expression
  private callJavaActionStatement(): MdlActivity {
    this.used("callJavaActionStatement");
    let output: string | undefined;
    if (this.is("VARIABLE")) {
      output = this.next().text.slice(1);
      this.expect("EQUALS");
    }
    this.expect(kw("call"));
    this.expect(kw("java"));
    this.expect(kw("action"));
    const action = this.qualifiedName();
    const args = this.callArgumentList();
    this.result.calls.push({ microflow: this.currentMicroflow, action, args, ...(output === undefined ? {} : { output }) });
    return { rule: "callJavaActionStatement", parts: [output ?? "", action.join("."), ...args.map(([p]) => p), ...this.lastArgs] };
  }

  // callJavaScriptActionStatement: (VARIABLE EQUALS)? CALL JAVASCRIPT ACTION qualifiedName LPAREN callArgumentList? RPAREN onErrorClause?
  private callJavaScriptActionStatement(): MdlActivity {
    this.used("callJavaScriptActionStatement");
    let output = "";
    if (this.is("VARIABLE")) {
      output = this.next().text.slice(1);
      this.expect("EQUALS");
    }
    this.expect(kw("call"));
    this.expect(kw("javascript"));
    this.expect(kw("action"));
    const action = this.qualifiedName();
    const args = this.callArgumentList();
    return { rule: "callJavaScriptActionStatement", parts: [output, action.join("."), ...args.map(([p]) => p), ...this.lastArgs] };
  }

  /** The arguments of the last callArgumentList, normalised (for the parity test). */
  private lastArgs: string[] = [];

  // LPAREN callArgumentList? RPAREN; callArgument: (VARIABLE | parameterName) EQUALS expression
  private callArgumentList(): [string, string][] {
    this.expect("LPAREN");
    const args: [string, string][] = [];
    this.lastArgs = [];
    if (!this.is("RPAREN")) {
      do {
        const parameter = this.is("VARIABLE") ? this.next().text : this.parameterName();
        this.expect("EQUALS");
        const [raw, normal] = this.expressionText();
        args.push([parameter, raw]);
        this.lastArgs.push(normal);
      } while (this.accept("COMMA"));
    }
    this.expect("RPAREN");
    return args;
  }

  // callMicroflowStatement: (VARIABLE EQUALS)? CALL MICROFLOW qualifiedName LPAREN callArgumentList? RPAREN queueClause? onErrorClause?
  private callMicroflowStatement(): MdlActivity {
    this.used("callMicroflowStatement");
    let output = "";
    if (this.is("VARIABLE")) {
      output = this.next().text.slice(1);
      this.expect("EQUALS");
    }
    this.expect(kw("call"));
    this.expect(kw("microflow"));
    const name = this.qualifiedName();
    const args = this.callArgumentList();
    return { rule: "callMicroflowStatement", parts: [output, name.join("."), ...args.map(([p]) => p), ...this.lastArgs] };
  }

  // changeObjectStatement: CHANGE VARIABLE (LPAREN memberAssignmentList? RPAREN)? commitClause? REFRESH? onErrorClause?
  private changeObjectStatement(): MdlActivity {
    this.used("changeObjectStatement");
    this.expect(kw("change"));
    const variable = this.expect("VARIABLE").text.slice(1);
    const members = this.accept("LPAREN") ? this.memberAssignmentList() : [];
    return { rule: "changeObjectStatement", parts: [variable, ...members] };
  }

  // memberAssignmentList: memberAssignment (COMMA memberAssignment)*  ... RPAREN
  // memberAssignment: memberAttributeName EQUALS expression
  // memberAttributeName: qualifiedName | IDENTIFIER | QUOTED_IDENTIFIER | keyword
  private memberAssignmentList(): string[] {
    const members: string[] = [];
    if (!this.is("RPAREN")) {
      do {
        const member = this.qualifiedName().join(".");
        this.expect("EQUALS");
        members.push(`${member}=${this.expressionText()[1]}`);
      } while (this.accept("COMMA"));
    }
    this.expect("RPAREN");
    return members;
  }

  // createObjectStatement: (VARIABLE EQUALS)? CREATE nonListDataType (LPAREN memberAssignmentList? RPAREN)? commitClause? REFRESH? onErrorClause?
  // (nonListDataType: the kit writes an entity, the qualifiedName alternative)
  private createObjectStatement(): MdlActivity {
    this.used("createObjectStatement");
    let output = "";
    if (this.is("VARIABLE")) {
      output = this.next().text.slice(1);
      this.expect("EQUALS");
    }
    this.expect(kw("create"));
    const entity = this.qualifiedName().join(".");
    const members = this.accept("LPAREN") ? this.memberAssignmentList() : [];
    return { rule: "createObjectStatement", parts: [output, entity, ...members] };
  }

  // commitStatement: COMMIT VARIABLE ((WITH | WITHOUT) EVENTS)? REFRESH? onErrorClause?
  private commitStatement(): MdlActivity {
    this.used("commitStatement");
    this.expect(kw("commit"));
    const variable = this.expect("VARIABLE").text.slice(1);
    let events = "with"; // absent = with events at 6f336073 (the comment above commitStatement)
    if (this.is(kw("with")) || this.is(kw("without"))) {
      events = this.next().text.toLowerCase();
      this.expect(kw("events"));
    }
    return { rule: "commitStatement", parts: [variable, events] };
  }

  // deleteObjectStatement: DELETE VARIABLE REFRESH? onErrorClause?
  private deleteObjectStatement(): MdlActivity {
    this.used("deleteObjectStatement");
    this.expect(kw("delete"));
    return { rule: "deleteObjectStatement", parts: [this.expect("VARIABLE").text.slice(1)] };
  }

  // declareStatement: DECLARE VARIABLE dataType (EQUALS expression)? onErrorClause?
  private declareStatement(): MdlActivity {
    this.used("declareStatement");
    this.expect(kw("declare"));
    const variable = this.expect("VARIABLE").text.slice(1);
    const typeFrom = this.at;
    this.dataType();
    const type = this.tokens.slice(typeFrom, this.at).map((t) => t.text.toLowerCase()).join("");
    const value = this.accept("EQUALS") ? this.expressionText()[1] : "";
    return { rule: "declareStatement", parts: [variable, type, value] };
  }

  // setStatement: SET? (VARIABLE | attributePath) EQUALS expression onErrorClause?   (the kit writes SET and a VARIABLE)
  private setStatement(): MdlActivity {
    this.used("setStatement");
    this.expect(kw("set"));
    const variable = this.expect("VARIABLE").text.slice(1);
    this.expect("EQUALS");
    return { rule: "setStatement", parts: [variable, this.expressionText()[1]] };
  }

  // retrieveStatement: RETRIEVE VARIABLE FROM retrieveSource
  //     (WHERE (xpathConstraint (andOrXpath? xpathConstraint)* | expression))? (SORT_BY ...)? (LIMIT expression)? (OFFSET expression)? onErrorClause?
  // retrieveSource: qualifiedName | VARIABLE SLASH qualifiedName | ...
  // (the kit writes the xpathConstraint form of WHERE, and LIMIT 1 for a single object)
  private retrieveStatement(): MdlActivity {
    this.used("retrieveStatement");
    this.expect(kw("retrieve"));
    const variable = this.expect("VARIABLE").text.slice(1);
    this.expect(kw("from"));
    if (this.is("VARIABLE")) {
      const from = this.next().text.slice(1);
      this.expect("SLASH");
      const association = this.qualifiedName().join(".");
      return { rule: "retrieveStatement", parts: ["association", variable, from, association] };
    }
    const entity = this.qualifiedName().join(".");
    let xpath = "";
    if (this.accept(kw("where"))) {
      do xpath += this.xpathConstraint();
      while (this.is("LBRACKET") || ((this.is(kw("and")) || this.is(kw("or"))) && this.typeAt(this.at + 1) === "LBRACKET" && this.next()));
    }
    let limit = "";
    if (this.accept(kw("limit"))) limit = this.expressionText()[1];
    return { rule: "retrieveStatement", parts: ["database", variable, entity, xpath, limit === "1" ? "first" : "all"] };
  }

  // xpathConstraint: LBRACKET xpathExpr RBRACKET    (returns the constraint's text as written)
  private xpathConstraint(): string {
    this.used("xpathConstraint");
    const from = this.expect("LBRACKET");
    this.xpathExpr();
    const to = this.expect("RBRACKET");
    return this.source.slice(from.start, to.end);
  }

  // xpathExpr: xpathAndExpr (OR xpathAndExpr)*; xpathAndExpr: xpathNotExpr (AND xpathNotExpr)*
  // xpathNotExpr: NOT xpathNotExpr | xpathComparisonExpr
  // xpathComparisonExpr: xpathValueExpr (comparisonOperator xpathValueExpr)?
  private xpathExpr(): void {
    const notExpr = (): void => {
      if (this.accept(kw("not")) && !this.is("LPAREN")) return notExpr();
      this.xpathValueExpr();
      const comparison = ["EQUALS", "NOT_EQUALS", "LESS_THAN", "LESS_THAN_OR_EQUAL", "GREATER_THAN", "GREATER_THAN_OR_EQUAL"];
      if (comparison.some((t) => this.is(t))) {
        this.next();
        this.xpathValueExpr();
      }
    };
    const andExpr = () => {
      notExpr();
      while (this.accept(kw("and"))) notExpr();
    };
    andExpr();
    while (this.accept(kw("or"))) andExpr();
  }

  // xpathValueExpr: xpathFunctionCall | xpathPath | LPAREN xpathExpr RPAREN
  // xpathPath: xpathStep (SLASH xpathStep)*; xpathStep: xpathStepValue (LBRACKET xpathExpr RBRACKET)?
  // xpathStepValue: xpathQualifiedName | VARIABLE | STRING_LITERAL | NUMBER_LITERAL | MENDIX_TOKEN
  // xpathQualifiedName: xpathWord (DOT xpathWord)*
  // xpathWord: ~(DOT | SLASH | LBRACKET | RBRACKET | LPAREN | RPAREN | COMMA | EQUALS | NOT_EQUALS | LESS_THAN
  //   | LESS_THAN_OR_EQUAL | GREATER_THAN | GREATER_THAN_OR_EQUAL | AND | OR | NOT | SEMICOLON
  //   | STRING_LITERAL | NUMBER_LITERAL | VARIABLE | MENDIX_TOKEN | DOLLAR_STRING)
  private xpathValueExpr(): void {
    if (this.accept("LPAREN")) {
      this.xpathExpr();
      this.expect("RPAREN");
      return;
    }
    const step = () => {
      if (["VARIABLE", "STRING_LITERAL", "NUMBER_LITERAL", "MENDIX_TOKEN"].some((t) => this.is(t))) this.next();
      else {
        this.xpathWord();
        while (this.accept("DOT")) this.xpathWord();
        if (this.is("LPAREN")) {
          // xpathFunctionCall: xpathFunctionName LPAREN (xpathExpr (COMMA xpathExpr)*)? RPAREN
          this.next();
          if (!this.is("RPAREN")) {
            do this.xpathExpr();
            while (this.accept("COMMA"));
          }
          this.expect("RPAREN");
          return;
        }
      }
      if (this.accept("LBRACKET")) {
        this.xpathExpr();
        this.expect("RBRACKET");
      }
    };
    step();
    while (this.accept("SLASH")) step();
  }

  private xpathWord(): void {
    const excluded = ["DOT", "SLASH", "LBRACKET", "RBRACKET", "LPAREN", "RPAREN", "COMMA", "EQUALS", "NOT_EQUALS", "LESS_THAN",
      "LESS_THAN_OR_EQUAL", "GREATER_THAN", "GREATER_THAN_OR_EQUAL", kw("and"), kw("or"), kw("not"), "SEMICOLON",
      "STRING_LITERAL", "NUMBER_LITERAL", "VARIABLE", "MENDIX_TOKEN", "DOLLAR_STRING"];
    const token = this.peek();
    if (!token || excluded.includes(token.type)) throw this.error("an XPath name");
    this.next();
  }

  // ifStatement: IF expression THEN microflowBody (ELSIF expression THEN microflowBody)* (ELSE microflowBody)? END IF
  private ifStatement(): MdlActivity {
    this.used("ifStatement");
    this.expect(kw("if"));
    const condition = this.expressionText()[1];
    this.expect(kw("then"));
    const then = this.microflowBody();
    const otherwise = this.accept(kw("else")) ? this.microflowBody() : [];
    this.expect(kw("end"));
    this.expect(kw("if"));
    return { rule: "ifStatement", parts: [condition], then, else: otherwise };
  }

  // showMessageStatement: SHOW MESSAGE expression (TYPE identifierOrKeyword)? (OBJECTS LBRACKET expressionList RBRACKET)? BLOCKING? onErrorClause?
  private showMessageStatement(): MdlActivity {
    this.used("showMessageStatement");
    this.expect(kw("show"));
    this.expect(kw("message"));
    const text = this.textOf(this.expect("STRING_LITERAL"));
    let type = "";
    if (this.accept(kw("type"))) type = this.identifierOrKeyword();
    const args: string[] = [];
    if (this.accept(kw("objects"))) {
      this.expect("LBRACKET");
      do args.push(this.expressionText()[1]);
      while (this.accept("COMMA"));
      this.expect("RBRACKET");
    }
    return { rule: "showMessageStatement", parts: [type, text, ...args] };
  }

  // validationFeedbackStatement: VALIDATION FEEDBACK (attributePath | VARIABLE) MESSAGE expression (OBJECTS ...)? onErrorClause?
  // attributePath: VARIABLE ((SLASH | DOT) qualifiedName)+
  private validationFeedbackStatement(): MdlActivity {
    this.used("validationFeedbackStatement");
    this.expect(kw("validation"));
    this.expect(kw("feedback"));
    const variable = this.expect("VARIABLE").text.slice(1);
    const path: string[] = [];
    while (this.accept("SLASH") || this.accept("DOT")) path.push(this.qualifiedName().join("."));
    this.expect(kw("message"));
    const text = this.textOf(this.expect("STRING_LITERAL"));
    return { rule: "validationFeedbackStatement", parts: [variable, path.join("/"), text] };
  }

  // logStatement: LOG logLevel? (NODE expression)? expression logTemplateParams? onErrorClause?
  // logLevel: INFO | WARNING | ERROR | DEBUG | TRACE | CRITICAL
  private logStatement(): MdlActivity {
    this.used("logStatement");
    this.expect(kw("log"));
    let level = "";
    for (const word of ["info", "warning", "error", "debug", "trace", "critical"]) if (this.is(kw(word))) level = this.next().text.toLowerCase();
    let node = "";
    if (this.accept(kw("node"))) node = this.textOf(this.expect("STRING_LITERAL"));
    const text = this.textOf(this.expect("STRING_LITERAL"));
    return { rule: "logStatement", parts: [level, node, text, ...this.templateParams()] };
  }

  // templateParams: WITH LPAREN templateParam (COMMA templateParam)* RPAREN | ...
  // templateParam: LBRACE NUMBER_LITERAL RBRACE EQUALS expression
  private templateParams(): string[] {
    const args: string[] = [];
    if (!this.accept(kw("with"))) return args;
    this.used("templateParams");
    this.expect("LPAREN");
    do {
      this.expect("LBRACE");
      const n = Number(this.expect("NUMBER_LITERAL").text);
      if (n !== args.length + 1) throw this.error(`{${args.length + 1}}`);
      this.expect("RBRACE");
      this.expect("EQUALS");
      args.push(this.expressionText()[1]);
    } while (this.accept("COMMA"));
    this.expect("RPAREN");
    return args;
  }

  // restCallStatement: (VARIABLE EQUALS)? REST CALL httpMethod restCallUrl restCallUrlParams? restCallHeaderClause*
  //     restCallAuthClause? restCallBodyClause? restCallTimeoutClause? restCallReturnsClause onErrorClause?
  // httpMethod: GET | POST | PUT | PATCH | DELETE;  restCallUrl: STRING_LITERAL | expression;  restCallUrlParams: templateParams
  // restCallHeaderClause: HEADER (IDENTIFIER | STRING_LITERAL) EQUALS expression
  // restCallAuthClause: AUTH BASIC expression PASSWORD expression
  // restCallBodyClause: BODY STRING_LITERAL templateParams? | ...
  // restCallReturnsClause: RETURNS STRING_TYPE | ...
  // onErrorClause: ON ERROR CONTINUE | ON ERROR ROLLBACK | ...
  private restCallStatement(): MdlActivity {
    this.used("restCallStatement");
    let output = "";
    if (this.is("VARIABLE")) {
      output = this.next().text.slice(1);
      this.expect("EQUALS");
    }
    this.expect(kw("rest"));
    this.expect(kw("call"));
    const method = this.expectOneOf(kw("get"), kw("post"), kw("put"), kw("patch"), kw("delete")).text.toUpperCase();
    const url = this.textOf(this.expect("STRING_LITERAL"));
    const parts = [output, method, url, ...this.templateParams()];
    while (this.accept(kw("header"))) {
      const name = this.expectOneOf("IDENTIFIER", "STRING_LITERAL");
      this.expect("EQUALS");
      parts.push(`header ${name.type === "STRING_LITERAL" ? this.textOf(name) : name.text}=${this.expressionText()[1]}`);
    }
    if (this.accept(kw("auth"))) {
      this.expect(kw("basic"));
      const user = this.expressionText()[1];
      this.expect(kw("password"));
      parts.push(`basic ${user} ${this.expressionText()[1]}`);
    }
    if (this.accept(kw("body"))) parts.push(`body ${this.textOf(this.expect("STRING_LITERAL"))}`, ...this.templateParams());
    // restCallTimeoutClause: TIMEOUT expression (ako/mxcli mdl/grammar/domains/MDLMicroflow.g4:550-553; issue 18).
    // Absent, mxcli writes 300 (mdl/executor/cmd_microflows_builder_calls.go:1162-1166): the part says what is stored.
    parts.push(`timeout ${this.accept(kw("timeout")) ? this.expressionText()[1] : "300"}`);
    // restCallReturnsClause: RETURNS STRING_TYPE | RETURNS MAPPING qualifiedName AS qualifiedName | ...
    this.expect(kw("returns"));
    if (this.accept(kw("mapping"))) {
      const mapping = this.qualifiedName().join(".");
      this.expect(kw("as"));
      parts.push(`returns mapping ${mapping} as ${this.qualifiedName().join(".")}`);
    } else this.expect(kw("string"));
    let onError = "rollback"; // absent = rollback (the comment on onErrorClause)
    if (this.accept(kw("on"))) {
      this.expect(kw("error"));
      onError = this.expectOneOf(kw("continue"), kw("rollback")).text.toLowerCase();
    }
    parts.push(`on error ${onError}`);
    return { rule: "restCallStatement", parts };
  }

  // returnStatement: RETURN expression?
  private returnStatement(): MdlActivity {
    this.used("returnStatement");
    this.expect(kw("return"));
    if (this.is("SEMICOLON")) return { rule: "returnStatement", parts: [""] };
    const [raw, normal] = this.expressionText();
    this.result.returns.push({ microflow: this.currentMicroflow, expression: raw });
    return { rule: "returnStatement", parts: [normal] };
  }

  /**
   * Parses an expression; returns it as written and as Mendix writes it: each string literal
   * decoded (textOf) and re-quoted with '' doubled, each quoted name unquoted.
   */
  private expressionText(): [string, string] {
    const from = this.at;
    this.expression();
    const tokens = this.tokens.slice(from, this.at);
    const raw = this.source.slice(tokens[0]!.start, tokens.at(-1)!.end);
    let normal = "";
    tokens.forEach((token, i) => {
      if (i > 0) normal += this.source.slice(tokens[i - 1]!.end, token.start);
      if (token.type === "STRING_LITERAL") normal += `'${this.textOf(token).replace(/'/g, "''")}'`;
      else if (token.type === "QUOTED_IDENTIFIER") normal += token.text.slice(1, -1);
      else normal += token.text;
    });
    return [raw, normal];
  }

  /**
   * A string literal's value as mxcli reads it without an `mdl 1;` header: \n, \t, \', \\ and
   * '' are escapes, a backslash before anything else stays (ako/mxcli
   * mdl/visitor/visitor_string_escapes.go, MDL-V1-ESCAPE).
   */
  private textOf(token: Token): string {
    const escapes: Record<string, string> = { n: "\n", t: "\t", "\\": "\\", "'": "'" };
    return token.text.slice(1, -1).replace(/\\(.)|''/gs, (all, escaped: string | undefined) => (escaped === undefined ? "'" : (escapes[escaped] ?? all)));
  }

  // parameterName: IDENTIFIER | QUOTED_IDENTIFIER | keyword
  private parameterName(): string {
    return this.identifierOrKeyword();
  }

  // annotation: AT annotationName (LPAREN annotationParams RPAREN | annotationValue)?
  // annotationName: IDENTIFIER | POSITION | COMMENT | ICON | FOLDER | REQUIRED | NULLABLE | CAPTION | ANNOTATION | ANCHOR | MERGE
  // The kit always writes the parenthesised form, so an unparenthesised value is not transcribed.
  private annotation(): string {
    this.used("annotation");
    this.expect("AT");
    const name = this.expectOneOf("IDENTIFIER", ...["position", "comment", "icon", "folder", "required", "nullable", "caption", "annotation", "anchor", "merge"].map(kw));
    let text = `@${name.text}`;
    if (this.accept("LPAREN")) {
      const from = this.at;
      do this.expression(); // annotationParam: annotationValue (literal | expression | qualifiedName)
      while (this.accept("COMMA"));
      text += `(${this.source.slice(this.tokens[from]!.start, this.tokens[this.at - 1]!.end)})`;
      this.expect("RPAREN");
    }
    return text;
  }

  // expression: orExpression; orExpression: andExpression (OR andExpression)*
  private expression(): void {
    this.used("expression");
    this.andExpression();
    while (this.accept(kw("or"))) this.andExpression();
  }

  // andExpression: notExpression (AND notExpression)*
  private andExpression(): void {
    this.notExpression();
    while (this.accept(kw("and"))) this.notExpression();
  }

  // notExpression: NOT LPAREN expression RPAREN | comparisonExpression
  // comparisonExpression: additiveExpression (comparisonOperator additiveExpression | ...)?
  private notExpression(): void {
    if (this.accept(kw("not"))) {
      this.expect("LPAREN");
      this.expression();
      this.expect("RPAREN");
      return;
    }
    this.additiveExpression();
    const comparison = ["EQUALS", "NOT_EQUALS", "LESS_THAN", "LESS_THAN_OR_EQUAL", "GREATER_THAN", "GREATER_THAN_OR_EQUAL"];
    if (comparison.some((t) => this.is(t))) {
      this.next();
      this.additiveExpression();
    }
  }

  // additiveExpression: multiplicativeExpression ((PLUS | MINUS) multiplicativeExpression)*
  // multiplicativeExpression: unaryExpression ((STAR | SLASH | COLON | PERCENT | MOD | DIV) unaryExpression)*
  // unaryExpression: (PLUS | MINUS)? primaryExpression
  private additiveExpression(): void {
    const multiplicative = () => {
      this.unaryExpression();
      while (["STAR", "SLASH", "COLON", "PERCENT", kw("mod"), kw("div")].some((t) => this.is(t))) {
        this.next();
        this.unaryExpression();
      }
    };
    multiplicative();
    while (this.accept("PLUS") || this.accept("MINUS")) multiplicative();
  }

  private unaryExpression(): void {
    if (!this.accept("PLUS")) this.accept("MINUS");
    this.primaryExpression();
  }

  // primaryExpression: LPAREN expression RPAREN | functionCall | atomicExpression | ...
  // functionCall: (functionName | qualifiedName) LPAREN argumentList? RPAREN
  // atomicExpression: literal | VARIABLE (DOT attributeName)* | AT qualifiedName | qualifiedName | IDENTIFIER | MENDIX_TOKEN
  private primaryExpression(): void {
    if (this.accept("LPAREN")) {
      this.expression();
      this.expect("RPAREN");
      return;
    }
    if (this.isLiteral()) {
      this.literal();
      return;
    }
    if (this.accept("VARIABLE")) {
      while (this.accept("DOT")) this.identifierOrKeyword();
      return;
    }
    if (this.accept("AT")) {
      this.qualifiedName();
      return;
    }
    if (this.accept("MENDIX_TOKEN")) return;
    this.qualifiedName();
    if (this.accept("LPAREN")) {
      if (!this.is("RPAREN")) {
        do this.expression();
        while (this.accept("COMMA"));
      }
      this.expect("RPAREN");
    }
  }

  // literal: STRING_LITERAL | NUMBER_LITERAL | booleanLiteral | NULL | EMPTY
  private isLiteral(): boolean {
    return ["STRING_LITERAL", "NUMBER_LITERAL", kw("true"), kw("false"), kw("null"), kw("empty")].some((t) => this.is(t));
  }

  private literal(): void {
    if (!this.isLiteral()) throw this.error("a literal");
    this.next();
  }

  // qualifiedName: identifierOrKeyword (DOT identifierOrKeyword)*
  private qualifiedName(): string[] {
    const names = [this.identifierOrKeyword()];
    while (this.accept("DOT")) names.push(this.identifierOrKeyword());
    return names;
  }

  private startsQualifiedName(index: number): boolean {
    const type = this.typeAt(index);
    return type === "IDENTIFIER" || type === "QUOTED_IDENTIFIER" || (type?.endsWith("_KW") ?? false);
  }

  // identifierOrKeyword: IDENTIFIER | QUOTED_IDENTIFIER | keyword (every word token, MDLSettings.g4 `keyword`)
  private identifierOrKeyword(): string {
    const token = this.peek();
    if (!token || !this.startsQualifiedName(this.at)) throw this.error("a name");
    this.at++;
    return token.type === "QUOTED_IDENTIFIER" ? token.text.slice(1, -1) : token.text;
  }

  // -------------------------------------------------------------------------------------------
  private stmt(rule: string, name: string[]): ParsedStatement {
    return { rule, name, text: "", annotations: [] };
  }

  private used(rule: string): void {
    this.result.rulesUsed.add(rule);
  }

  private peek(): Token | undefined {
    return this.tokens[this.at];
  }

  private typeAt(index: number): string | undefined {
    return this.tokens[index]?.type;
  }

  private is(type: string): boolean {
    return this.peek()?.type === type;
  }

  private next(): Token {
    const token = this.peek();
    if (!token) throw this.error("more input");
    this.at++;
    return token;
  }

  private accept(type: string): boolean {
    if (!this.is(type)) return false;
    this.at++;
    return true;
  }

  private optional(type: string): void {
    this.accept(type);
  }

  private expect(type: string): Token {
    if (!this.is(type)) throw this.error(type);
    return this.next();
  }

  private expectOneOf(...types: string[]): Token {
    if (!types.some((t) => this.is(t))) throw this.error(types.join(" | "));
    return this.next();
  }

  private error(expected: string): MdlSyntaxError {
    const token = this.peek();
    const line = token ? this.source.slice(0, token.start).split("\n").length : "end";
    return new MdlSyntaxError(`line ${line}: expected ${expected}, found ${token ? `${token.type} ${JSON.stringify(token.text)}` : "end of input"}`);
  }
}
