//! How the server holds memory (issue #15: under 200 MB resident on a 9 May load, and back down
//! after it).
//!
//! The heap the server really uses under 256 concurrent fresh searches on a 100,000-person base
//! is about 90 MB (heaptrack): the page cache, the record cache, SQLite's pages, the pages being
//! rendered. What an allocator keeps beyond that decides the rest. Measured on that load
//! (`bench/RESULTS.md`, "Memory"): mimalloc 3 kept 290–310 MB resident and did not give it back;
//! glibc's malloc about 200 MB. glibc is the default here, tuned below; mimalloc remains a
//! build feature (`--features mimalloc`) for a server with memory to spare.

/// glibc keeps up to eight arenas per core, one per thread that met contention, each holding
/// its freed chunks; and it raises its mmap threshold each time a large block is freed (up to
/// 32 MB), after which the large buffers of an interview page or a search's collection come
/// from, and fragment, an arena. Four arenas for a server whose work runs on two cores and
/// eight blocking threads, and a fixed 4 MB threshold. Measured on issue #15's memory check
/// (`MIX=search`, 256 connections, `bench/RESULTS.md`): default glibc 199–209 MB peak, four
/// arenas 182 MB, four arenas and a fixed threshold 168–171 MB (512 KB) or 194 MB with the full
/// warm-up (4 MB, the same as 512 KB there, without a page fault for every large buffer); a
/// 128 KB threshold was no smaller and slower.
pub fn tune() {
    #[cfg(all(target_os = "linux", target_env = "gnu", not(feature = "mimalloc")))]
    {
        // SAFETY: mallopt takes plain integers; called before the runtime starts its threads.
        unsafe {
            libc::mallopt(libc::M_ARENA_MAX, 4);
            libc::mallopt(libc::M_MMAP_THRESHOLD, 4 * 1024 * 1024);
        }
    }
}

/// Watches the process's CPU time; when a busy spell ends (a second of CPU or more in the last
/// periods, then a quiet period), hands the allocator's free pages back to the system, so the
/// resident size returns to what the caches hold. Trimming under load would only take locks
/// the requests need.
pub fn spawn_release_when_quiet() {
    #[cfg(all(target_os = "linux", target_env = "gnu", not(feature = "mimalloc")))]
    tokio::spawn(async {
        const PERIOD: std::time::Duration = std::time::Duration::from_secs(5);
        let mut tick = tokio::time::interval(PERIOD);
        let mut last = cpu_time();
        let mut busy = std::time::Duration::ZERO;
        loop {
            tick.tick().await;
            let now = cpu_time();
            let used = now.saturating_sub(last);
            last = now;
            if used > PERIOD / 50 {
                busy += used;
                continue;
            }
            if busy >= std::time::Duration::from_secs(1) {
                busy = std::time::Duration::ZERO;
                let released = tokio::task::spawn_blocking(|| {
                    // SAFETY: malloc_trim only walks and releases the allocator's free memory.
                    unsafe { libc::malloc_trim(0) }
                })
                .await;
                tracing::debug!(?released, "free heap memory handed back after a busy spell");
            }
        }
    });
}

#[cfg(all(target_os = "linux", target_env = "gnu", not(feature = "mimalloc")))]
fn cpu_time() -> std::time::Duration {
    let mut usage = std::mem::MaybeUninit::<libc::rusage>::zeroed();
    // SAFETY: getrusage writes one rusage into the buffer given.
    let usage = unsafe {
        if libc::getrusage(libc::RUSAGE_SELF, usage.as_mut_ptr()) != 0 {
            return std::time::Duration::ZERO;
        }
        usage.assume_init()
    };
    let of = |t: libc::timeval| {
        std::time::Duration::from_secs(t.tv_sec as u64)
            + std::time::Duration::from_micros(t.tv_usec as u64)
    };
    of(usage.ru_utime) + of(usage.ru_stime)
}
