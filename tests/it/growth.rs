//! Growth checks for the linear-time promises (issue 20) that a loaded machine cannot fake.
//!
//! A run is measured in the CPU time of the test's own thread (`CLOCK_THREAD_CPUTIME_ID`), not wall
//! time: other builds on the machine delay the thread but do not add to its CPU time. Each size is
//! measured several times, interleaved, and the least is kept; a run too short to measure is
//! repeated in a batch. The input grows 8×: a linear path takes about 8× the work, a quadratic one
//! 64×. The bound (24×) leaves a linear path 3× headroom and is still far below a quadratic one —
//! `a_quadratic_path_fails_the_check` shows it catches one.

/// How much larger the large input is than the small one.
pub const SCALE: usize = 8;
/// The largest growth accepted for `SCALE`× the input (linear ≈ 8, quadratic ≈ 64).
pub const BOUND: f64 = 24.0;

/// CPU seconds the calling thread has used so far (wall time where the clock is unavailable).
fn thread_seconds() -> f64 {
    let mut now = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: `now` is a valid, writable timespec; the call only writes it.
    let status = unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut now) };
    if status == 0 {
        now.tv_sec as f64 + now.tv_nsec as f64 * 1e-9
    } else {
        wall_seconds()
    }
}

fn wall_seconds() -> f64 {
    use std::sync::OnceLock;
    static START: OnceLock<std::time::Instant> = OnceLock::new();
    START
        .get_or_init(std::time::Instant::now)
        .elapsed()
        .as_secs_f64()
}

/// CPU seconds of `batch` runs of `run(scale)`.
fn measure(run: &impl Fn(usize), scale: usize, batch: usize) -> f64 {
    let start = thread_seconds();
    for _ in 0..batch {
        run(scale);
    }
    thread_seconds() - start
}

/// The growth of `run`'s cost from scale 1 to scale `SCALE`: least of `rounds` interleaved
/// measurements of each, small runs batched until they take at least 5 ms.
pub fn growth(run: impl Fn(usize), rounds: usize) -> (f64, f64, f64) {
    let mut batch = 1;
    while batch < 64 && measure(&run, 1, batch) < 0.005 {
        batch *= 2;
    }
    let (mut small, mut large) = (f64::INFINITY, f64::INFINITY);
    for _ in 0..rounds.max(1) {
        small = small.min(measure(&run, 1, batch));
        large = large.min(measure(&run, SCALE, batch));
    }
    (small, large, large / small.max(1e-9))
}

/// Fails when `run(SCALE)` costs more than `BOUND` times `run(1)`.
pub fn assert_linear(name: &str, run: impl Fn(usize)) {
    let (small, large, ratio) = growth(run, 3);
    println!("{name}: 1× {small:.4}s, {SCALE}× {large:.4}s CPU, ×{ratio:.1}");
    assert!(
        ratio < BOUND,
        "{name} grows faster than linear: {SCALE}× the input took {ratio:.1}× the CPU time \
         (1× {small:.4}s, {SCALE}× {large:.4}s)"
    );
}

/// A deliberately quadratic helper (every pair of items compared) is caught by the check, and a
/// linear one of the same size passes it — the check has the power it claims.
#[test]
fn a_quadratic_path_fails_the_check() {
    let quadratic = |scale: usize| {
        let items: Vec<u32> = (0..600 * scale as u32).collect();
        let mut equal = 0u64;
        for a in &items {
            for b in &items {
                equal += u64::from(std::hint::black_box(a) == b);
            }
        }
        assert_eq!(equal, items.len() as u64);
    };
    let (_, _, ratio) = growth(quadratic, 3);
    assert!(ratio > BOUND, "quadratic helper grew only ×{ratio:.1}");
    let linear = |scale: usize| {
        let items: Vec<u32> = (0..600 * 600 * scale as u32).collect();
        let sum: u64 = items
            .iter()
            .map(|&x| u64::from(std::hint::black_box(x)))
            .sum();
        assert!(sum > 0);
    };
    let (_, _, ratio) = growth(linear, 3);
    assert!(ratio < BOUND, "linear helper grew ×{ratio:.1}");
}
