//! A resource fetched the first time something reads it, for data that only a dialog or a
//! popup shows (the organization's projects, the invitations waiting for the user): a cold
//! page then asks the server only for what it draws.
//!
//! One made [`OnDemand::unmade`] is made by its first reader instead: for data read only by
//! code downloaded later (`lazy_code`), whose decoding would otherwise come in the first
//! download with the page that holds it.

use crate::state::fetched::Fetched;
use leptos::prelude::*;
use leptos::reactive::owner::WeakOwner;

/// What makes an `OnDemand`'s resource.
type Make<T> = Box<dyn Fn() -> Fetched<T>>;

pub struct OnDemand<T: 'static> {
    resource: StoredValue<Option<Fetched<T>>, LocalStorage>,
    make: StoredValue<Option<Make<T>>, LocalStorage>,
    // The resource belongs to whoever made the `OnDemand` (a page, the session), not to the
    // dialog that first read it, so it outlives the dialog and is not fetched again. Weak:
    // this value lives in that owner, and a strong reference would keep the owner (and the
    // page's rows) alive after the page is left.
    owner: StoredValue<Option<WeakOwner>, LocalStorage>,
}

impl<T: 'static> Clone for OnDemand<T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T: 'static> Copy for OnDemand<T> {}

impl<T: 'static> OnDemand<T> {
    /// `make` builds the resource (a `Fetched::new(...)`); it runs at most once.
    pub fn new(make: impl Fn() -> Fetched<T> + 'static) -> Self {
        Self::with_make(Some(Box::new(make)))
    }

    /// Made by its first reader, through [`OnDemand::resource_or`].
    pub fn unmade() -> Self {
        Self::with_make(None)
    }

    fn with_make(make: Option<Make<T>>) -> Self {
        OnDemand {
            resource: StoredValue::new_local(None),
            make: StoredValue::new_local(make),
            owner: StoredValue::new_local(Owner::current().map(|o| o.downgrade())),
        }
    }

    /// The resource, started now if nothing has read it before. Only for one made with
    /// `new`: an unmade one has nothing to make it with (read it with `resource_or`).
    pub fn resource(&self) -> Fetched<T> {
        self.resource_or(|| unreachable!("an unmade OnDemand is read with resource_or"))
    }

    /// The resource, started now if nothing has read it before: by the maker given to
    /// `new` if there is one (a test's stand-in, say), else by `make`.
    pub fn resource_or(&self, make: impl FnOnce() -> Fetched<T>) -> Fetched<T> {
        if let Some(made) = self.resource.get_value() {
            return made;
        }
        let build = || match self.make.with_value(|m| m.as_ref().map(|m| m())) {
            Some(made) => made,
            None => make(),
        };
        let made = match self.owner.get_value().and_then(|o| o.upgrade()) {
            Some(owner) => owner.with(build),
            None => build(),
        };
        self.resource.set_value(Some(made));
        made
    }

    /// Fetches again if it was ever fetched; otherwise there is nothing to refresh.
    pub fn refetch(&self) {
        if let Some(made) = self.resource.get_value() {
            made.refetch();
        }
    }
}

impl<T: Clone + 'static> OnDemand<T> {
    /// The value, tracked; starts the fetch on first read.
    pub fn get(&self) -> Option<T> {
        self.resource().get()
    }

    /// The value if it has arrived, without starting a fetch or tracking.
    pub fn get_untracked(&self) -> Option<T> {
        self.resource
            .get_value()
            .and_then(|made| made.get_untracked())
    }
}
