// The playground's worker: it runs one program, away from the page, with
// the playground's WebAssembly module (built from playground/ by make site).
//
// A worker serves at most one run, then the page ends it: a program that
// loops forever can only be stopped by terminating its worker, and one
// killed from inside (memory, output) leaves an instance in no state to
// reuse. Before its run, a worker can also format code and finish a run
// that the page killed in another worker.
//
// It makes two instances of the module, both from the one compiled module:
// the host (argv "host"), which lives as long as the worker and keeps the
// record of a run, and the run instance (argv "serve"), which interprets
// the program and dies with it. See playground/main_js.go.
"use strict";

let manifest = null;
let module = null;
let host = null;

// Where what the run instance writes goes: set while a program runs.
let sink = null;

onmessage = (e) => {
	const m = e.data;
	const reply = (msg) => postMessage(Object.assign({ id: m.id }, msg));
	const fail = (err) => reply({ type: "error", error: String((err && err.message) || err) });
	try {
		switch (m.type) {
		case "init":
			init(m, reply).catch(fail);
			break;
		case "format":
			reply({ type: "formatted", result: JSON.parse(host.format(m.code)) });
			break;
		case "program":
			// An edited program, with the snippet's hidden lines put back.
			reply({ type: "program", source: host.program(m.source, JSON.stringify(m.shown), m.edited) });
			break;
		case "check":
			// The static check for what yaegi runs unlike Go (issue 9's
			// hazard.Check), where the module has it.
			reply({ type: "checked", findings: host.check ? JSON.parse(host.check(m.source)) : null });
			break;
		case "finish":
			// A run the page killed in another worker: replay what it wrote.
			host.start(m.timeout);
			for (const [fd, bytes] of m.log) {
				host.write(fd, bytes);
			}
			reply({ type: "done", result: JSON.parse(host.finish(JSON.stringify(m.ending))) });
			break;
		case "run":
			run(m, reply);
			break;
		default:
			fail("unknown message " + m.type);
		}
	} catch (err) {
		fail(err);
	}
};

// init loads the module (or takes the one the page kept), then starts the host.
async function init(m, reply) {
	manifest = m.manifest;
	module = m.module;
	if (!manifest) {
		const res = await fetch("playground/manifest.json", { cache: "no-cache" });
		if (res.status === 404) {
			throw new Error("This site was built without the playground (go run ./generator -playground=false).");
		}
		if (!res.ok) {
			throw new Error("playground/manifest.json: " + res.status + " " + res.statusText);
		}
		manifest = await res.json();
	}
	importScripts("playground/" + manifest.wasm_exec);
	// Every write of an instance to its descriptors comes here: the run
	// instance's Go runtime reports a deadlock or a crash on 2.
	globalThis.fs.writeSync = (fd, buf) => {
		if (sink) {
			sink(fd, buf.slice());
		}
		return buf.length;
	};
	if (!module) {
		module = await load(manifest, (loaded) => reply({ type: "progress", loaded, total: manifest.wasm_size }));
	}
	const go = new Go();
	go.argv = ["playground", "host"];
	const inst = await WebAssembly.instantiate(module, go.importObject);
	go.run(inst); // returns once main waits for calls, with gonotesHost set
	host = globalThis.gonotesHost;
	reply({ type: "ready", module, manifest });
}

// load downloads the compressed module, decompresses and compiles it.
async function load(manifest, progress) {
	importScripts("fzstd.js");
	const res = await fetch("playground/" + manifest.wasm);
	if (!res.ok) {
		throw new Error("playground/" + manifest.wasm + ": " + res.status + " " + res.statusText);
	}
	const body = new Uint8Array(manifest.wasm_size);
	let loaded = 0;
	const reader = res.body.getReader();
	for (;;) {
		const { done, value } = await reader.read();
		if (done) {
			break;
		}
		if (loaded + value.length > body.length) {
			throw new Error("playground/" + manifest.wasm + " is larger than its manifest says: rebuild the site");
		}
		body.set(value, loaded);
		loaded += value.length;
		progress(loaded);
	}
	const wasm = fzstd.decompress(body.subarray(0, loaded), new Uint8Array(manifest.raw_size));
	return WebAssembly.compile(wasm);
}

// run interprets m.source in a new instance and replies with its output as
// it comes (raw, for the page to replay if it kills this worker, and as
// text to show) and its Result.
function run(m, reply) {
	const start = performance.now();
	let over = false;
	let batch = [];
	let flushAt = 0;
	let flushTimer = 0;
	const flush = () => {
		clearTimeout(flushTimer);
		flushTimer = 0;
		if (batch.length) {
			reply({ type: "output", log: batch, live: JSON.parse(host.live()) });
			batch = [];
		}
		flushAt = performance.now() + 16;
	};
	const go = new Go();
	const done = (ending) => {
		if (over) {
			return;
		}
		over = true;
		sink = null;
		for (const t of go._scheduledTimeouts.values()) {
			clearTimeout(t);
		}
		flush();
		ending.elapsed = performance.now() - start;
		reply({ type: "done", result: JSON.parse(host.finish(JSON.stringify(ending))) });
	};
	// record keeps a write in the host's recording and for the page, which
	// gets it within 16 ms (a program that then spins forever loses less).
	const record = (fd, bytes) => {
		if (over) {
			return false;
		}
		const full = host.write(fd, bytes);
		batch.push([fd, bytes]);
		if (performance.now() >= flushAt) {
			flush();
		} else if (!flushTimer) {
			flushTimer = setTimeout(flush, 16);
		}
		return !full;
	};
	sink = record;
	globalThis.gonotesWrite = (fd, bytes) => {
		if (record(fd, bytes)) {
			return true;
		}
		done({ killed: "output" });
		return false; // the instance exits
	};
	globalThis.gonotesRequest = JSON.stringify({ source: m.source, allow: m.allow });
	host.start(m.timeout);

	go.argv = ["playground", "serve"];
	go.exit = (code) => done({ code });
	const reset = go.importObject.gojs["runtime.resetMemoryDataView"];
	go.importObject.gojs["runtime.resetMemoryDataView"] = (sp) => {
		reset(sp);
		if (go._inst.exports.mem.buffer.byteLength > m.maxMemory) {
			done({ killed: "memory" });
			throw new Error("the program used too much memory");
		}
	};
	// When the instance returns to the event loop with nothing that can
	// wake it, every goroutine is blocked: ask its runtime to say so, as
	// Go's wasm_exec_node.js does when Node finds nothing left to do.
	let depth = 0;
	const idle = () => {
		if (!over && !go.exited && go._scheduledTimeouts.size === 0) {
			go._pendingEvent = { id: 0 };
			go._resume();
		}
	};
	const resume = go._resume.bind(go);
	go._resume = () => {
		if (over) {
			return;
		}
		depth++;
		try {
			resume();
		} catch (err) {
			if (depth > 1 || over) {
				throw err;
			}
			crash(err);
		} finally {
			depth--;
		}
		if (depth === 0) {
			queueMicrotask(idle);
		}
	};
	const crash = (err) => {
		if (!over) {
			reply({ type: "error", error: "the interpreter's instance failed: " + err });
			over = true;
		}
	};
	WebAssembly.instantiate(module, go.importObject).then((inst) => {
		reply({ type: "started" });
		depth++;
		go.run(inst).catch((err) => { if (!over) crash(err); });
		depth--;
		queueMicrotask(idle);
	}, crash);
}
