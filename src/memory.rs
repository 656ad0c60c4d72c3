//! How the process takes its memory: the allocator, and no transparent huge
//! pages.

/// mimalloc in place of the C library's allocator: the library is tens of
/// thousands of small strings made on several threads and dropped on another,
/// which glibc's malloc does slowly (`make bench`: library load 50,000 tracks).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Asks the kernel for no transparent huge pages in this process, before
/// the first large allocation (call it first thing in `main`).
///
/// mimalloc asks for huge pages where the system offers them on request
/// (Debian's default), and the kernel then zeroes 2 MB at the first touch
/// of each, however little of it is used. A library load puts its tracks in
/// fresh memory, so it waited on that zeroing: on a 2-core VM, the first load
/// of 50,000 tracks after a scan took a median of 255 ms with huge pages and
/// 167 ms without (`measure load`, 6 interleaved runs), the scan was no
/// slower (1.97-2.23 s against 1.77-2.17 s) and its peak memory fell from
/// 101 MB to 91 MB. A player gains nothing from huge pages that is worth that.
pub fn no_huge_pages() {
    #[cfg(target_os = "linux")]
    if let Err(e) = rustix::thread::disable_transparent_huge_pages(true) {
        // Only slower: the kernel is too old to be asked, or says no.
        log::debug!("transparent huge pages not turned off: {e}");
    }
}

#[cfg(all(test, target_os = "linux"))]
mod tests {
    #[test]
    fn the_process_asks_for_no_huge_pages() {
        super::no_huge_pages();
        assert_eq!(
            rustix::thread::transparent_huge_pages_are_disabled().ok(),
            Some(true)
        );
    }
}
