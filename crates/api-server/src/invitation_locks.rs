//! One lock per invitation, so accept, decline, revoke and resend of the same invitation
//! run one after the other: a resend cannot mail a link for an invitation that a concurrent
//! accept is consuming, and each caller's answer matches what happened. (Within one server
//! process; the database's single writer orders the rest.)

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use tokio::sync::OwnedMutexGuard;

#[derive(Default)]
pub struct InvitationLocks {
    locks: Mutex<HashMap<String, Arc<tokio::sync::Mutex<()>>>>,
}

/// Held while one operation on one invitation runs.
pub struct InvitationGuard<'a> {
    locks: &'a InvitationLocks,
    id: String,
    guard: Option<OwnedMutexGuard<()>>,
}

impl InvitationLocks {
    pub async fn hold(&self, id: &str) -> InvitationGuard<'_> {
        let lock = self
            .locks
            .lock()
            .expect("invitation locks")
            .entry(id.to_owned())
            .or_default()
            .clone();
        InvitationGuard {
            locks: self,
            id: id.to_owned(),
            guard: Some(lock.lock_owned().await),
        }
    }

    /// How many invitations have a lock entry (for the test that they are forgotten).
    pub fn len(&self) -> usize {
        self.locks.lock().expect("invitation locks").len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

impl Drop for InvitationGuard<'_> {
    fn drop(&mut self) {
        self.guard.take();
        let mut locks = self.locks.locks.lock().expect("invitation locks");
        // Nobody else holds or waits for it: forget it, so the map stays small.
        if locks
            .get(&self.id)
            .is_some_and(|l| Arc::strong_count(l) == 1)
        {
            locks.remove(&self.id);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn operations_on_one_invitation_wait_for_each_other() {
        let locks = Arc::new(InvitationLocks::default());
        let order = Arc::new(Mutex::new(Vec::new()));
        let first = locks.hold("i1").await;
        let (l, o) = (locks.clone(), order.clone());
        let second = tokio::spawn(async move {
            let _g = l.hold("i1").await;
            o.lock().unwrap().push("second");
        });
        // Another invitation is not held up.
        drop(locks.hold("i2").await);
        tokio::task::yield_now().await;
        order.lock().unwrap().push("first");
        drop(first);
        second.await.unwrap();
        assert_eq!(*order.lock().unwrap(), ["first", "second"]);
        assert!(locks.is_empty());
    }
}
