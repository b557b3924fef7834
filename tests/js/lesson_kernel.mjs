// The course tab's run/stop rules (labextension/src/lesson_kernel.js) in node, fed the states a notebook's session
// context goes through. Prints one JSON object: per scenario, what the rules answered at each step.
// Run by tests/page/test_course_tab_kernel_node.py:  node lesson_kernel.mjs <path of lesson_kernel.js>
import { readFileSync } from "node:fs";

const source = readFileSync(process.argv[2], "utf8");
const { LessonKernel, liveKernel } = await import(`data:text/javascript,${encodeURIComponent(source)}`);

// a session context as JupyterLab's has it: its session's kernel (or none) and its display status
const ctx = (kernel, display) => ({
  session: kernel ? { kernel: { id: kernel.id, status: kernel.status || "idle", isDisposed: !!kernel.disposed } } : null,
  kernelDisplayStatus: display,
});

function play(steps) {
  const lk = new LessonKernel();
  return steps.map(([what, ...args]) => {
    if (what === "ran") { lk.ran(args[0]); return "ran"; }
    return lk.next(ctx(...args));
  });
}

const out = {
  // a kernel that takes long to start: the lesson waits (never "stopped"), then runs once on it
  slow_start: play([
    ["next", null, "initializing"],
    ["next", null, "unknown"],
    ["next", null, "idle"],
    ["next", { id: "k1", status: "starting" }, "connecting"],
    ["ran", "k1"],
    ["next", { id: "k1", status: "idle" }, "idle"],
    ["next", { id: "k1", status: "busy" }, "busy"],
  ]),
  // the kernel it ran on is shut down from outside, then a new one is started for it: stopped, wait, run once
  stopped_then_restarted: play([
    ["next", { id: "k1" }, "idle"],
    ["ran", "k1"],
    ["next", { id: "k1", status: "dead" }, "dead"],
    ["next", null, "unknown"],
    ["next", null, "terminating"],
    ["next", null, "starting"],
    ["next", { id: "k2" }, "idle"],
    ["ran", "k2"],
    ["next", { id: "k2" }, "idle"],
  ]),
  // a disposed kernel connection is no live kernel
  disposed: play([["next", { id: "k1" }, "idle"], ["ran", "k1"], ["next", { id: "k1", disposed: true }, "unknown"]]),
  // the learner ran the lesson (Run All) on the kernel before the tab did: not run a second time
  learner_ran_first: play([["ran", "k1"], ["next", { id: "k1" }, "idle"]]),
  // a kernel restarted by the learner keeps its id: not run again by the tab
  restarted_same_id: play([
    ["next", { id: "k1" }, "idle"],
    ["ran", "k1"],
    ["next", { id: "k1", status: "restarting" }, "restarting"],
    ["next", { id: "k1" }, "idle"],
  ]),
  live: [liveKernel(ctx({ id: "k1" }, "idle")), liveKernel(ctx(null, "idle")), liveKernel(null)],
};
console.log(JSON.stringify(out));
