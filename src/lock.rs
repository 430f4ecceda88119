//! One lock helper shared by every stage that works on several cores.

/// The value behind `m`, even if a thread panicked while holding it: every lock in bangtin
/// guards a collection that a panic leaves whole (a list being pushed to, a snapshot being
/// replaced), and a build or a preview should report the panic, not a second one.
pub(crate) fn locked<T>(m: &std::sync::Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    match m.lock() {
        Ok(g) => g,
        Err(p) => p.into_inner(),
    }
}
