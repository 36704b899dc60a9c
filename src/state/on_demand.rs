//! A resource fetched the first time something reads it, for data that only a dialog or a
//! popup shows (the organization's projects, the invitations waiting for the user): a cold
//! page then asks the server only for what it draws.

use leptos::prelude::*;
use leptos::reactive::owner::WeakOwner;

pub struct OnDemand<T: 'static> {
    resource: StoredValue<Option<LocalResource<T>>, LocalStorage>,
    make: StoredValue<Box<dyn Fn() -> LocalResource<T>>, LocalStorage>,
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
    /// `make` builds the resource (a `LocalResource::new(...)`); it runs at most once.
    pub fn new(make: impl Fn() -> LocalResource<T> + 'static) -> Self {
        OnDemand {
            resource: StoredValue::new_local(None),
            make: StoredValue::new_local(Box::new(make)),
            owner: StoredValue::new_local(Owner::current().map(|o| o.downgrade())),
        }
    }

    /// The resource, started now if nothing has read it before.
    pub fn resource(&self) -> LocalResource<T> {
        if let Some(made) = self.resource.get_value() {
            return made;
        }
        let made =
            self.make.with_value(
                |make| match self.owner.get_value().and_then(|o| o.upgrade()) {
                    Some(owner) => owner.with(make),
                    None => make(),
                },
            );
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
