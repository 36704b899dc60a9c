//! [`Fetched`]: a `LocalResource` whose machinery is in the wasm once. `LocalResource::new`
//! is generic over its fetcher, so every call site carried its own copy of the async
//! derived value's code (the effect that starts the fetch, the future that stores the
//! answer, its drop glue): about 5 KB of wasm before optimisation per resource. Here every
//! resource is a `LocalResource` of one type, the answer behind a pointer, and a call site
//! keeps only its fetch and the typed reads below.

use std::any::Any;
use std::future::{Future, IntoFuture};
use std::marker::PhantomData;
use std::pin::Pin;
use std::sync::Arc;

use leptos::prelude::*;

/// What every resource holds: its answer, of the type its `Fetched` names.
type Held = Arc<dyn Any + Send + Sync>;

type Fetch = Box<dyn Fn() -> Pin<Box<dyn Future<Output = Held>>>>;

/// A value fetched asynchronously and fetched again when a signal its fetch read changes,
/// as `LocalResource<T>`; read it with `get`, `with` or `.await` (inside `Suspend`, which
/// then waits for it).
pub struct Fetched<T: 'static> {
    resource: LocalResource<Held>,
    value: PhantomData<fn() -> T>,
}

impl<T: 'static> Clone for Fetched<T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T: 'static> Copy for Fetched<T> {}

impl<T: Send + Sync + 'static> Fetched<T> {
    /// `LocalResource::new(fetch)`.
    #[track_caller]
    pub fn new<Fut>(fetch: impl Fn() -> Fut + 'static) -> Self
    where
        Fut: Future<Output = T> + 'static,
    {
        let fetch = move || -> Pin<Box<dyn Future<Output = Held>>> {
            let answer = fetch();
            Box::pin(async move { Arc::new(answer.await) as Held })
        };
        Fetched {
            resource: resource(Box::new(fetch)),
            value: PhantomData,
        }
    }
}

#[track_caller]
fn resource(fetch: Fetch) -> LocalResource<Held> {
    LocalResource::new(fetch)
}

/// The answer a `Fetched<T>` holds: always a `T`, as only `Fetched::new` stores one.
fn typed<T: 'static>(held: &Held) -> &T {
    held.downcast_ref()
        .expect("a Fetched resource holds the type it names")
}

impl<T: 'static> Fetched<T> {
    /// The answer if it has arrived (`None` while loading), tracked.
    pub fn with<R>(&self, read: impl FnOnce(Option<&T>) -> R) -> R {
        self.resource.with(|held| read(held.as_ref().map(typed)))
    }

    /// As [`Fetched::with`], untracked.
    pub fn with_untracked<R>(&self, read: impl FnOnce(Option<&T>) -> R) -> R {
        self.resource
            .with_untracked(|held| read(held.as_ref().map(typed)))
    }

    /// Subscribes the running effect or memo to the answer, without reading it.
    pub fn track(&self) {
        self.resource.track();
    }

    /// Fetches again.
    pub fn refetch(&self) {
        self.resource.refetch();
    }
}

impl<T: Clone + 'static> Fetched<T> {
    /// The answer if it has arrived, tracked.
    pub fn get(&self) -> Option<T> {
        self.with(|value| value.cloned())
    }

    /// The answer if it has arrived, untracked.
    pub fn get_untracked(&self) -> Option<T> {
        self.with_untracked(|value| value.cloned())
    }
}

impl<T: Clone + Send + Sync + 'static> IntoFuture for Fetched<T> {
    type Output = T;
    type IntoFuture = Pin<Box<dyn Future<Output = T> + Send>>;

    /// The answer, once it has arrived; read inside `Suspend`, the suspense waits for it.
    fn into_future(self) -> Self::IntoFuture {
        let answer = self.resource.into_future();
        Box::pin(async move { typed::<T>(&answer.await).clone() })
    }
}
