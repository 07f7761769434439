// Issue 20's Java actions (ConsumeOnce, StoreRefreshedToken, CreateOnce,
// ScopeWithin), compiled with the machine's javac against stubs of the Mendix runtime API and run
// through a harness, as test/java-pkce.test.ts does for the PKCE pair.
//
// What stands in for Mendix, and where each member comes from (a stub may lack members of the real
// API, never add any; the test knobs below are marked as such and are not used by the actions):
// - IContext.startTransaction(), endTransaction(), rollbackTransAction() (sic), createSudoClone():
//   https://apidocs.rnd.mendix.com/10/runtime/com/mendix/systemwideinterfaces/core/IContext.html
//   (the 4.x reference lists startTransaction/endTransaction/rollbackTransAction by name:
//   https://apidocs.rnd.mendix.com/4/runtime/interfacecom_1_1mendix_1_1systemwideinterfaces_1_1core_1_1_i_context.html).
// - Core.createSystemContext(), Core.createXPathQuery(xpath).setVariable(name, long).setAmount(n).execute(context),
//   Core.commit(context, object), Core.delete(context, objects...), Core.instantiate(context, entity):
//   https://apidocs.rnd.mendix.com/10/runtime/com/mendix/core/Core.html; the query builder as Mendix's
//   own UnitTesting module and docs.mendix.com's Java cheat sheet use it.
// - IMendixObject.getValue(context, member), setValue(context, member, value), getId();
//   IMendixIdentifier.toLong(): https://apidocs.rnd.mendix.com/10/runtime/com/mendix/systemwideinterfaces/core/IMendixObject.html
// The in-memory store behind the stubs models only what the actions rely on: a transaction's writes
// become visible to other contexts when it ends (read committed), and are dropped on rollback.
// Whether the real runtime behaves so under load, on a cluster, is not verified here (see SECURITY.md).
import { execFileSync, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { javaSource } from "../src/lib/targets/java-actions.js";

const ACTIONS = ["ConsumeOnce", "CreateOnce", "ScopeWithin", "StoreRefreshedToken"] as const;
const PACKAGE = "acmecrmconnector";

const STUBS: Record<string, string> = {
  "com/mendix/systemwideinterfaces/core/IContext.java": `// Stand-in for IContext: the members the actions use (see the test's header for sources).
package com.mendix.systemwideinterfaces.core;

public interface IContext {
  void startTransaction();
  void endTransaction();
  void rollbackTransAction();
  IContext createSudoClone();
}
`,
  "com/mendix/systemwideinterfaces/core/UserAction.java": `// Stand-in for UserAction<R>: constructor, getContext(), executeAction().
package com.mendix.systemwideinterfaces.core;

public abstract class UserAction<R> {
  private final IContext context;
  public UserAction(IContext context) { this.context = context; }
  public IContext getContext() { return context; }
  public abstract R executeAction() throws Exception;
}
`,
  "com/mendix/systemwideinterfaces/core/IMendixIdentifier.java": `package com.mendix.systemwideinterfaces.core;

public interface IMendixIdentifier {
  long toLong();
}
`,
  "com/mendix/systemwideinterfaces/core/IMendixObject.java": `package com.mendix.systemwideinterfaces.core;

public interface IMendixObject {
  <T> T getValue(IContext context, String memberName);
  void setValue(IContext context, String memberName, Object value);
  IMendixIdentifier getId();
}
`,
  "com/mendix/datastorage/XPathQuery.java": `// Stand-in for the query Core.createXPathQuery returns (only the builder calls the actions make).
package com.mendix.datastorage;

import java.util.List;
import com.mendix.systemwideinterfaces.core.IContext;
import com.mendix.systemwideinterfaces.core.IMendixObject;

public interface XPathQuery {
  XPathQuery setVariable(String name, long value);
  XPathQuery setAmount(int amount);
  List<IMendixObject> execute(IContext context);
}
`,
  "com/mendix/core/Core.java": `// Stand-in for Core over an in-memory store (test knobs: Store, not part of the real API).
package com.mendix.core;

import com.mendix.datastorage.XPathQuery;
import com.mendix.systemwideinterfaces.core.IContext;
import com.mendix.systemwideinterfaces.core.IMendixObject;

public final class Core {
  public static IContext createSystemContext() { return new Store.Context(0); }
  public static XPathQuery createXPathQuery(String xpath) { return new Store.Query(xpath); }
  public static IMendixObject commit(IContext context, IMendixObject object) { ((Store.Context) context).write((Store.Row) object); return object; }
  public static void delete(IContext context, IMendixObject... objects) { for (IMendixObject o : objects) ((Store.Context) context).remove((Store.Row) o); }
  public static IMendixObject instantiate(IContext context, String entity) { return Store.create(entity, 0); }
}
`,
  "com/mendix/core/Store.java": `// Test-only in-memory store: committed rows, and each context's pending writes until endTransaction.
package com.mendix.core;

import java.util.*;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.*;
import com.mendix.datastorage.XPathQuery;
import com.mendix.systemwideinterfaces.core.*;

public final class Store {
  static final Map<Long, Row> COMMITTED = new HashMap<>();
  static final AtomicLong IDS = new AtomicLong(100);
  public static int LATENCY_MS = 10;

  public static synchronized Row create(String entity, long owner) { Row r = new Row(IDS.incrementAndGet(), entity, owner); return r; }
  public static synchronized void put(Row r) { COMMITTED.put(r.id, r.copy()); }
  public static synchronized List<Row> rows(String entity) { List<Row> out = new ArrayList<>(); for (Row r : COMMITTED.values()) if (r.entity.equals(entity)) out.add(r.copy()); return out; }
  public static synchronized void clear() { COMMITTED.clear(); }

  public static final class Row implements IMendixObject {
    final long id; final String entity; public long owner; public final Map<String, Object> values = new HashMap<>();
    Row(long id, String entity, long owner) { this.id = id; this.entity = entity; this.owner = owner; }
    Row copy() { Row r = new Row(id, entity, owner); r.values.putAll(values); return r; }
    @SuppressWarnings("unchecked") public <T> T getValue(IContext c, String m) { return (T) values.get(m); }
    public void setValue(IContext c, String m, Object v) { values.put(m, v); }
    public IMendixIdentifier getId() { return () -> id; }
  }

  public static final class Context implements IContext {
    final long user; final Map<Long, Row> writes = new LinkedHashMap<>(); final Set<Long> deletes = new HashSet<>(); boolean open;
    public Context(long user) { this.user = user; }
    public void startTransaction() { open = true; }
    public void endTransaction() { synchronized (Store.class) { for (Row r : writes.values()) COMMITTED.put(r.id, r.copy()); for (Long id : deletes) COMMITTED.remove(id); } writes.clear(); deletes.clear(); open = false; }
    public void rollbackTransAction() { writes.clear(); deletes.clear(); open = false; }
    public IContext createSudoClone() { return new Context(user); }
    void write(Row r) { writes.put(r.id, r.copy()); if (!open) endTransaction(); }
    void remove(Row r) { deletes.add(r.id); if (!open) endTransaction(); }
  }

  static final class Query implements XPathQuery {
    final String xpath; final Map<String, Long> vars = new HashMap<>(); int amount = -1;
    Query(String xpath) { this.xpath = xpath; }
    public XPathQuery setVariable(String n, long v) { vars.put(n, v); return this; }
    public XPathQuery setAmount(int a) { amount = a; return this; }
    public List<IMendixObject> execute(IContext context) {
      List<IMendixObject> out = new ArrayList<>();
      if (xpath.equals("//System.User[id = '[%CurrentUser%]']")) { long u = ((Context) context).user; if (u > 0) out.add(new Row(u, "System.User", u)); return out; }
      Matcher m = Pattern.compile("//([A-Za-z0-9_.]+)(?:\\\\[([A-Za-z0-9_.]+) = \\\\$user\\\\])?").matcher(xpath);
      if (!m.matches()) throw new IllegalArgumentException("unsupported XPath in the stub: " + xpath);
      for (Row r : rows(m.group(1))) if (m.group(2) == null || r.owner == vars.get("user")) out.add(r);
      // A database round trip between the read and the write that follows it: without the action's lock,
      // simultaneous callers would all read the row before any of them commits its change.
      try { Thread.sleep(LATENCY_MS); } catch (InterruptedException e) { Thread.currentThread().interrupt(); }
      return amount >= 0 && out.size() > amount ? out.subList(0, amount) : out;
    }
  }
}
`,
};

const HARNESS = `import java.util.*;
import java.util.concurrent.*;
import com.mendix.core.Store;
import ${PACKAGE}.actions.*;

public class Harness {
  static final String TOKEN = "AcmeCrmConnector.UserToken", TOKEN_USER = "AcmeCrmConnector.UserToken_User";
  static final String REQUEST = "AcmeCrmConnector.AuthorizationRequest", REQUEST_USER = "AcmeCrmConnector.AuthorizationRequest_User";
  static Store.Context as(long user) { return new Store.Context(user); }
  static void row(String entity, long owner, String... kv) { Store.Row r = Store.create(entity, owner); for (int i = 0; i < kv.length; i += 2) r.values.put(kv[i], kv[i + 1]); Store.put(r); }
  static void out(Object... parts) { StringJoiner j = new StringJoiner("\\t"); for (Object p : parts) j.add(String.valueOf(p)); System.out.println(j); }

  public static void main(String[] args) throws Exception {
    // ConsumeOnce: one use; another user's state is not found.
    row(REQUEST, 1, "State", "s1"); row(REQUEST, 2, "State", "s2");
    out("consume", "first", new ConsumeOnce(as(1), REQUEST, REQUEST_USER, "State", "s1").executeAction());
    out("consume", "again", new ConsumeOnce(as(1), REQUEST, REQUEST_USER, "State", "s1").executeAction());
    out("consume", "other", new ConsumeOnce(as(1), REQUEST, REQUEST_USER, "State", "s2").executeAction(), Store.rows(REQUEST).size());
    try { new ConsumeOnce(as(1), "X'] or 1=1", REQUEST_USER, "State", "s2").executeAction(); out("consume", "injection", "accepted"); }
    catch (IllegalArgumentException e) { out("consume", "injection", "refused"); }
    // Sixteen simultaneous callbacks with the same state: exactly one goes on.
    row(REQUEST, 1, "State", "race");
    out("consume", "race", race(16, () -> new ConsumeOnce(as(1), REQUEST, REQUEST_USER, "State", "race").executeAction(), "consumed"));

    // StoreRefreshedToken: compare and set on the stored refresh token.
    row(TOKEN, 1, "EncryptedAccessToken", "a1", "EncryptedRefreshToken", "r1");
    long before = System.currentTimeMillis();
    out("store", "first", new StoreRefreshedToken(as(1), TOKEN, TOKEN_USER, "r1", "a2", "r2", "3600").executeAction());
    Store.Row t = (Store.Row) Store.rows(TOKEN).get(0);
    long expires = ((Date) t.values.get("ExpiresAt")).getTime() - before;
    out("store", "row", t.values.get("EncryptedAccessToken"), t.values.get("EncryptedRefreshToken"), expires >= 3600_000 && expires < 3660_000);
    out("store", "stale", new StoreRefreshedToken(as(1), TOKEN, TOKEN_USER, "r1", "a3", "r3", "3600").executeAction(), ((Store.Row) Store.rows(TOKEN).get(0)).values.get("EncryptedRefreshToken"));
    out("store", "keep", new StoreRefreshedToken(as(1), TOKEN, TOKEN_USER, "r2", "a4", "", "60").executeAction(), ((Store.Row) Store.rows(TOKEN).get(0)).values.get("EncryptedRefreshToken"));
    out("store", "missing", new StoreRefreshedToken(as(3), TOKEN, TOKEN_USER, "r2", "a5", "r5", "60").executeAction());
    // A refused refresh token is deleted only while it is still the stored one.
    out("delete", "rotated", new ConsumeOnce(as(1), TOKEN, TOKEN_USER, "EncryptedRefreshToken", "r1").executeAction(), Store.rows(TOKEN).size());
    out("delete", "current", new ConsumeOnce(as(1), TOKEN, TOKEN_USER, "EncryptedRefreshToken", "r2").executeAction(), Store.rows(TOKEN).size());
    // Sixteen simultaneous refreshes that all sent r10: one stores, the others find it changed.
    row(TOKEN, 1, "EncryptedAccessToken", "a10", "EncryptedRefreshToken", "r10");
    final int[] n = { 0 };
    out("store", "race", race(16, () -> { int i; synchronized (n) { i = ++n[0]; } return new StoreRefreshedToken(as(1), TOKEN, TOKEN_USER, "r10", "a" + i, "r1" + i, "60").executeAction(); }, "stored"));

    // CreateOnce: one object however many pages open at once.
    String cd = "AcmeCrmConnector.ConnectionDetails";
    out("create", "race", race(16, () -> new CreateOnce(as(1), cd).executeAction(), "created"), Store.rows(cd).size());
    out("create", "again", new CreateOnce(as(1), cd).executeAction(), Store.rows(cd).size());

    // ScopeWithin (RFC 6749 section 3.3: space-delimited, case-sensitive).
    String[][] scopes = { { "read", "read write" }, { "read admin", "read write" }, { "", "read" }, { "  read   write ", "write read" }, { "READ", "read" }, { "read", "" } };
    for (String[] s : scopes) out("scope", s[0], s[1], new ScopeWithin(null, s[0], s[1]).executeAction());
  }

  /** Runs the call on n threads released together; returns how many returned the winning value. */
  static int race(int n, Callable<String> call, String win) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(n);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<String>> results = new ArrayList<>();
    for (int i = 0; i < n; i++) results.add(pool.submit(() -> { start.await(); return call.call(); }));
    start.countDown();
    int wins = 0;
    for (Future<String> f : results) if (win.equals(f.get())) wins++;
    pool.shutdown();
    return wins;
  }
}
`;

function hasTool(tool: string): boolean {
  return spawnSync(tool, ["-version"], { stdio: "ignore" }).status === 0;
}
const JAVA = hasTool("javac") && hasTool("java");

describe.skipIf(!JAVA)("issue 20's Java actions, compiled against the Mendix API stubs", () => {
  let dir = "";
  let lines: string[][] = [];

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "mxsecure-java20-"));
    const src = join(dir, "src");
    for (const [file, text] of Object.entries(STUBS)) {
      mkdirSync(join(src, file, ".."), { recursive: true });
      writeFileSync(join(src, file), text);
    }
    const actionDir = join(src, PACKAGE, "actions");
    mkdirSync(actionDir, { recursive: true });
    for (const name of ACTIONS) {
      // The file the kit ships (and mxcli writes from the MDL body: test/java-pkce.test.ts holds the two equal).
      writeFileSync(join(actionDir, `${name}.java`), javaSource("AcmeCrmConnector", name));
    }
    writeFileSync(join(src, "Harness.java"), HARNESS);
    const files = [...Object.keys(STUBS), ...ACTIONS.map((a) => `${PACKAGE}/actions/${a}.java`), "Harness.java"].map((f) => join(src, f));
    // The actions compile warning-free (-Werror); the stubs are not held to that (raw test scaffolding).
    execFileSync("javac", ["--release", "11", "-encoding", "UTF-8", "-d", join(dir, "classes"), ...files], { stdio: "pipe" });
    execFileSync("javac", ["--release", "11", "-Xlint:all", "-Werror", "-encoding", "UTF-8", "-cp", join(dir, "classes"), "-d", join(dir, "checked"), ...ACTIONS.map((a) => join(actionDir, `${a}.java`))], { stdio: "pipe" });
    lines = execFileSync("java", ["-cp", join(dir, "classes"), "Harness"], { encoding: "utf8" }).trimEnd().split("\n").map((l) => l.split("\t"));
  });

  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const row = (kind: string, name: string) => lines.find((l) => l[0] === kind && l[1] === name)?.slice(2);

  it("ConsumeOnce: one use per state, never another user's, names from the model only", () => {
    expect(row("consume", "first")).toEqual(["consumed"]);
    expect(row("consume", "again")).toEqual([""]);
    expect(row("consume", "other")).toEqual(["", "1"]);
    expect(row("consume", "injection")).toEqual(["refused"]);
  });

  it("ConsumeOnce: of sixteen simultaneous callbacks with one state, exactly one goes on (one node)", () => {
    expect(row("consume", "race")).toEqual(["1"]);
  });

  it("StoreRefreshedToken: stores only while the sent refresh token is the stored one; an empty new one keeps it", () => {
    expect(row("store", "first")).toEqual(["stored"]);
    expect(row("store", "row")).toEqual(["a2", "r2", "true"]);
    expect(row("store", "stale")).toEqual(["changed", "r2"]);
    expect(row("store", "keep")).toEqual(["stored", "r2"]);
    expect(row("store", "missing")).toEqual(["missing"]);
  });

  it("StoreRefreshedToken: of sixteen simultaneous refreshes that sent the same token, exactly one stores", () => {
    expect(row("store", "race")).toEqual(["1"]);
  });

  it("ConsumeOnce deletes a refused refresh token only while it is still the stored one", () => {
    expect(row("delete", "rotated")).toEqual(["", "1"]);
    expect(row("delete", "current")).toEqual(["consumed", "0"]);
  });

  it("CreateOnce: sixteen pages opened at once make one ConnectionDetails", () => {
    expect(row("create", "race")).toEqual(["1", "1"]);
    expect(row("create", "again")).toEqual(["exists", "1"]);
  });

  it("ScopeWithin: every granted scope requested, space-delimited and case-sensitive (RFC 6749 section 3.3)", () => {
    expect(lines.filter((l) => l[0] === "scope").map((l) => [l[1], l[2], l[3]])).toEqual([
      ["read", "read write", "yes"],
      ["read admin", "read write", "no"],
      ["", "read", "yes"],
      ["  read   write ", "write read", "yes"],
      ["READ", "read", "no"],
      ["read", "", "no"],
    ]);
  });
});
