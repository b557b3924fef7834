// When a lesson runs its own cells, and when it counts as stopped, from what its notebook's session says now.
//
// Pure (no JupyterLab import): index.js asks it on every kernelChanged / statusChanged of the lesson's session
// context and once when it adopts the lesson; tests/js/lesson_kernel.mjs drives it in node
// (tests/page/test_course_tab_kernel_node.py).
//
// The rules:
//   - a lesson runs once on each kernel it gets, as soon as that kernel exists: the first one (however late it
//     starts), one handed over by the lesson before it, one started again after a stop. A kernel it already ran on
//     (the learner's own Run All counts) is not run again.
//   - a lesson is stopped only when a kernel it HAD is gone and no other is on its way: a kernel still starting is
//     not a stopped one (on a busy machine the first kernel may take many seconds to exist).

// the session context's display states while a kernel is on its way or being swapped
const CHANGING = new Set(["initializing", "starting", "restarting", "terminating"]);

// The id of the live kernel of a session context (JupyterLab's ISessionContext, or anything shaped like it), or null.
export function liveKernel(sessionContext) {
  const session = sessionContext && sessionContext.session;
  const kernel = session && session.kernel;
  if (!kernel || kernel.isDisposed || kernel.status === "dead") return null;
  return kernel.id;
}

export class LessonKernel {
  constructor() {
    this.had = null; // the last live kernel seen
    this.ranOn = null; // the kernel the lesson's cells last ran on
  }

  // What to do now: "run" (its cells, on `kernel`), "stopped" (grey it, start a new kernel when the learner is back),
  // "wait" (a kernel is on its way) or "none".
  next(sessionContext) {
    const kernel = liveKernel(sessionContext);
    if (kernel) {
      this.had = kernel;
      return this.ranOn === kernel ? "none" : "run";
    }
    if (!this.had || CHANGING.has(sessionContext.kernelDisplayStatus)) return "wait";
    return "stopped";
  }

  // the lesson's cells were sent to `kernel` (by the course tab or by the learner's Run All)
  ran(kernel) {
    if (kernel) this.ranOn = kernel;
  }
}
