//! Ordered parallel work with bounded memory.
//!
//! Workers take inputs in order and analyse them; results are handed to
//! the sink strictly in input order by whichever worker finds the next one
//! due ready. The calling thread is one of the workers: a separate writer
//! thread woke up once per file, and on a two-core machine those 2,000-odd
//! context switches per 840 articles took CPU from the workers. At most
//! `window + 1` results exist at any time (the window's, and one being
//! written), so memory depends on the size of a few files, not on how many
//! files a run checks.
//!
//! Scoped std threads rather than a rayon pool: `--threads N` then means N
//! workers for this run, and nothing global has to be built exactly once.

use std::collections::VecDeque;
use std::ops::ControlFlow;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::{Condvar, Mutex, MutexGuard};

/// How many results may wait for the sink per worker thread.
const RESULTS_PER_WORKER: usize = 4;

/// A work item whose worker panicked: a defect, reported for that one input
/// while the rest of the run goes on.
#[derive(Debug)]
pub struct Crashed {
    pub message: String,
}

struct Queue<R> {
    /// Index of the next input a worker may take.
    next: usize,
    /// Index of the next result the sink receives.
    emitted: usize,
    /// Results for inputs `emitted..`, `None` while still being worked on.
    pending: VecDeque<Option<Result<R, Crashed>>>,
    /// Whether a worker is handing results to the sink; only one does at a
    /// time, so they reach it in order.
    emitting: bool,
    /// Set when the sink stops early (closed pipe).
    stopped: bool,
    /// Workers waiting on `Shared::room`. A notify is a system call even
    /// when nobody waits, and nobody does for most files: counting lets
    /// the emitting worker skip ~1,400 of them over 840 articles.
    waiting_for_room: usize,
}

impl<R> Queue<R> {
    /// The result now due, with its index, if it is ready; its slot is
    /// freed, so a worker waiting for room may go on.
    fn take_due(&mut self) -> Option<(usize, Result<R, Crashed>)> {
        let result = self.pending.front_mut()?.take()?;
        self.pending.pop_front();
        self.emitted += 1;
        Some((self.emitted - 1, result))
    }
}

struct Shared<R, S> {
    queue: Mutex<Queue<R>>,
    /// Signalled when a worker may take more input.
    room: Condvar,
    /// Only the worker that set `Queue::emitting` locks it, so it is never
    /// contended; the lock is what lets any worker hold the sink.
    sink: Mutex<S>,
}

impl<R, S> Shared<R, S> {
    fn lock(&self) -> MutexGuard<'_, Queue<R>> {
        // A poisoned lock only means a worker panicked while holding it; the
        // queue itself stays consistent because panics are caught outside.
        self.queue.lock().unwrap_or_else(|e| e.into_inner())
    }
}

/// The number of worker threads: `requested`, or one per core.
pub fn thread_count(requested: Option<usize>) -> usize {
    requested.filter(|&n| n > 0).unwrap_or_else(|| std::thread::available_parallelism().map_or(1, usize::from))
}

/// Runs `work` on every item using `threads` workers and passes the results
/// to `sink`, with their index, in item order. `sink` returning `Break` stops the run early.
pub fn run_ordered<T, R, W, S>(items: &[T], threads: usize, work: W, mut sink: S)
where
    T: Sync,
    R: Send,
    W: Fn(usize, &T) -> R + Sync,
    S: FnMut(usize, Result<R, Crashed>) -> ControlFlow<()> + Send,
{
    if items.is_empty() {
        return;
    }
    let threads = threads.clamp(1, items.len());
    if threads == 1 {
        // One worker: no lock and no hand-over per file; work and write in
        // turn on this thread.
        for (index, item) in items.iter().enumerate() {
            if sink(index, run_caught(&work, index, item)).is_break() {
                return;
            }
        }
        return;
    }
    let window = threads * RESULTS_PER_WORKER;
    let shared = Shared {
        queue: Mutex::new(Queue {
            next: 0,
            emitted: 0,
            pending: VecDeque::new(),
            emitting: false,
            stopped: false,
            waiting_for_room: 0,
        }),
        room: Condvar::new(),
        sink: Mutex::new(sink),
    };
    std::thread::scope(|scope| {
        let helpers: Vec<_> = (1..threads).map(|_| scope.spawn(|| worker(items, window, &work, &shared))).collect();
        worker(items, window, &work, &shared);
        for helper in helpers {
            // Work panics are caught per item; a panic here came from the
            // sink, and is re-raised on the calling thread.
            if let Err(panic) = helper.join() {
                std::panic::resume_unwind(panic);
            }
        }
    });
}

/// `work` on one item, a panic caught as [`Crashed`].
fn run_caught<T, R, W>(work: &W, index: usize, item: &T) -> Result<R, Crashed>
where
    W: Fn(usize, &T) -> R,
{
    catch_unwind(AssertUnwindSafe(|| work(index, item))).map_err(|payload| Crashed {
        message: payload
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "unknown panic".into()),
    })
}

fn worker<T, R, W, S>(items: &[T], window: usize, work: &W, shared: &Shared<R, S>)
where
    W: Fn(usize, &T) -> R,
    S: FnMut(usize, Result<R, Crashed>) -> ControlFlow<()>,
{
    while let Some(index) = take_next(items.len(), window, shared) {
        let result = run_caught(work, index, &items[index]);
        let mut q = shared.lock();
        let slot = index - q.emitted;
        q.pending[slot] = Some(result);
        if slot == 0 && !q.emitting {
            q.emitting = true;
            emit_due(q, shared);
        }
    }
}

/// Claims the next input, waiting while `window` results are pending;
/// `None` once every input is taken or the sink has stopped.
fn take_next<R, S>(len: usize, window: usize, shared: &Shared<R, S>) -> Option<usize> {
    let mut q = shared.lock();
    while !q.stopped && q.next < len && q.next >= q.emitted + window {
        q.waiting_for_room += 1;
        q = shared.room.wait(q).unwrap_or_else(|e| e.into_inner());
        q.waiting_for_room -= 1;
    }
    if q.stopped || q.next >= len {
        return None;
    }
    q.next += 1;
    q.pending.push_back(None);
    Some(q.next - 1)
}

/// Hands every result that is due to the sink, one at a time and outside
/// the queue's lock so that other workers go on meanwhile, until the next
/// one due is still being worked on. The caller has set `emitting`; this
/// clears it.
fn emit_due<'s, R, S>(mut q: MutexGuard<'s, Queue<R>>, shared: &'s Shared<R, S>)
where
    S: FnMut(usize, Result<R, Crashed>) -> ControlFlow<()>,
{
    loop {
        let due = if q.stopped { None } else { q.take_due() };
        let Some((index, result)) = due else {
            q.emitting = false;
            return;
        };
        if q.waiting_for_room > 0 {
            shared.room.notify_one();
        }
        drop(q);
        let flow = (shared.sink.lock().unwrap_or_else(|e| e.into_inner()))(index, result);
        q = shared.lock();
        if flow.is_break() {
            q.stopped = true;
            if q.waiting_for_room > 0 {
                shared.room.notify_all();
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn results_arrive_in_order_whatever_the_thread_count() {
        let items: Vec<u64> = (0..500).collect();
        for threads in [1, 2, 3, 8] {
            let mut seen = Vec::new();
            run_ordered(
                &items,
                threads,
                |_, &n| {
                    // Uneven work so that workers finish out of order.
                    std::thread::sleep(std::time::Duration::from_micros((n * 7919) % 200));
                    n * 2
                },
                |_, r| {
                    seen.push(r.unwrap());
                    ControlFlow::Continue(())
                },
            );
            assert_eq!(seen, items.iter().map(|n| n * 2).collect::<Vec<_>>(), "threads = {threads}");
        }
    }

    #[test]
    fn a_panicking_item_is_reported_and_the_rest_go_on() {
        let items: Vec<u32> = (0..20).collect();
        let mut crashed = Vec::new();
        let mut done = 0;
        // Silence the default hook's message for this expected panic.
        let hook = std::panic::take_hook();
        std::panic::set_hook(Box::new(|_| {}));
        run_ordered(
            &items,
            2,
            |_, &n| {
                assert!(n != 7, "item seven");
                n
            },
            |_, r| {
                match r {
                    Ok(_) => done += 1,
                    Err(c) => crashed.push(c.message),
                }
                ControlFlow::Continue(())
            },
        );
        std::panic::set_hook(hook);
        assert_eq!(done, 19);
        assert_eq!(crashed, vec!["item seven".to_string()]);
    }

    #[test]
    fn break_stops_early_without_hanging() {
        let items: Vec<u32> = (0..10_000).collect();
        let mut taken = 0;
        run_ordered(
            &items,
            2,
            |_, &n| n,
            |_, _| {
                taken += 1;
                if taken == 5 { ControlFlow::Break(()) } else { ControlFlow::Continue(()) }
            },
        );
        assert_eq!(taken, 5);
    }

    #[test]
    fn no_more_than_the_window_of_results_is_ever_pending() {
        use std::sync::atomic::{AtomicUsize, Ordering};
        let items: Vec<u64> = (0..400).collect();
        let threads = 3;
        let window = threads * RESULTS_PER_WORKER;
        let started = AtomicUsize::new(0);
        let received = AtomicUsize::new(0);
        let widest = AtomicUsize::new(0);
        run_ordered(
            &items,
            threads,
            |_, &n| {
                let ahead = started.fetch_add(1, Ordering::SeqCst) + 1 - received.load(Ordering::SeqCst);
                widest.fetch_max(ahead, Ordering::SeqCst);
                // The first item of every twenty is slow, so others pile up behind it.
                if n % 20 == 0 {
                    std::thread::sleep(std::time::Duration::from_millis(2));
                }
                n
            },
            |i, r| {
                assert_eq!(r.unwrap(), i as u64);
                received.fetch_add(1, Ordering::SeqCst);
                ControlFlow::Continue(())
            },
        );
        assert_eq!(received.load(Ordering::SeqCst), items.len());
        let widest = widest.load(Ordering::SeqCst);
        // The window's results, and the one the sink holds.
        assert!(widest <= window + 1, "{widest} results were pending at once, more than the window of {window}");
        assert!(widest > 1, "the workers never ran side by side");
    }

    #[test]
    fn thread_counts() {
        assert_eq!(thread_count(Some(3)), 3);
        assert!(thread_count(None) >= 1);
        assert!(thread_count(Some(0)) >= 1);
    }
}
