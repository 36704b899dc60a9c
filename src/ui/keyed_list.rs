//! [`keyed_list`]: Leptos's keyed `For` behind one type. `For` is generic over its items,
//! keys and closures, and each instance carries its own copy of the keyed diff (the build,
//! the rebuild that moves rows, their index maps): about 7 KB of wasm per list before
//! optimisation. Here every list is the same `For`, its items and keys behind pointers,
//! and a call site keeps only its closures.

use std::any::Any;
use std::hash::{Hash, Hasher};
use std::sync::Arc;

use leptos::prelude::*;

/// `<For each key let:item>{children(item)}</For>`: one view per item, kept while its key
/// is in the list, moved when the list is reordered.
pub fn keyed_list<T, K>(
    each: impl Fn() -> Vec<T> + Send + Sync + 'static,
    key: impl Fn(&T) -> K + Send + Sync + 'static,
    children: impl Fn(T) -> AnyView + Send + Sync + 'static,
) -> AnyView
where
    T: Send + 'static,
    K: Eq + Hash + Send + Sync + 'static,
{
    let each = move || {
        each()
            .into_iter()
            .map(|item| Keyed {
                key: AnyKey(Arc::new(key(&item))),
                item: Box::new(item),
            })
            .collect()
    };
    let children = move |item: Box<dyn Any + Send>| {
        children(
            *item
                .downcast::<T>()
                .expect("a keyed list holds its own items"),
        )
    };
    erased_list(Box::new(each), Arc::new(children))
}

struct Keyed {
    key: AnyKey,
    item: Box<dyn Any + Send>,
}

type Each = Box<dyn Fn() -> Vec<Keyed> + Send + Sync>;
type Children = Arc<dyn Fn(Box<dyn Any + Send>) -> AnyView + Send + Sync>;

fn erased_list(each: Each, children: Children) -> AnyView {
    view! {
        <For each=move || each() key=|k: &Keyed| k.key.clone() children=move |k: Keyed| children(k.item) />
    }
    .into_any()
}

/// A key of any type, equal to another only if it has the same type and is equal as that
/// type.
#[derive(Clone)]
struct AnyKey(Arc<dyn ListKey>);

trait ListKey: Send + Sync {
    fn as_any(&self) -> &dyn Any;
    fn same(&self, other: &dyn ListKey) -> bool;
    fn hash_into(&self, state: &mut dyn Hasher);
}

impl<K: Eq + Hash + Send + Sync + 'static> ListKey for K {
    fn as_any(&self) -> &dyn Any {
        self
    }

    fn same(&self, other: &dyn ListKey) -> bool {
        other.as_any().downcast_ref::<K>() == Some(self)
    }

    fn hash_into(&self, mut state: &mut dyn Hasher) {
        self.hash(&mut state);
    }
}

impl PartialEq for AnyKey {
    fn eq(&self, other: &Self) -> bool {
        self.0.same(&*other.0)
    }
}

impl Eq for AnyKey {}

impl Hash for AnyKey {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.0.hash_into(state);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::hash::BuildHasher;

    fn key<K: Eq + Hash + Send + Sync + 'static>(k: K) -> AnyKey {
        AnyKey(Arc::new(k))
    }

    #[test]
    fn keys_are_equal_only_when_of_one_type_and_equal_in_it() {
        assert!(key(7u64) == key(7u64));
        assert!(key(7u64) != key(8u64));
        // The same number in another type is another key.
        assert!(key(7u64) != key(7u32));
        assert!(key("ann".to_owned()) == key("ann".to_owned()));
        assert!(key("ann".to_owned()) != key("ann"));
    }

    #[test]
    fn equal_keys_hash_alike_as_the_list_hashes_them() {
        let hasher = rustc_hash::FxBuildHasher;
        let (a, b) = (key(("m-1".to_owned(), 3u64)), key(("m-1".to_owned(), 3u64)));
        assert_eq!(hasher.hash_one(&a), hasher.hash_one(&b));
        // As the key's own type hashes: an `AnyKey` adds nothing of its own.
        assert_eq!(
            hasher.hash_one(&a),
            hasher.hash_one(&("m-1".to_owned(), 3u64))
        );
    }
}
