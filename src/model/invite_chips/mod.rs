//! The invite field's model: addresses as chips. Typing a separator or Enter ends an
//! address, pasting splits a whole list (mail-program form included), duplicates merge
//! case-insensitively, bad entries become red chips with their reason, and addresses that
//! are already members or already invited are flagged before anything is sent.

use org_contract::email::normalize_email;
use org_contract::{parse_invitees, MAX_INVITEES_PER_BATCH};

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ChipKind {
    /// Will be invited.
    Ready,
    /// Not an address; the reason, as a sentence.
    Invalid(String),
    AlreadyMember,
    AlreadyInvited,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Chip {
    /// What is shown: the normalized address, or the entry as written when invalid.
    pub text: String,
    pub kind: ChipKind,
}

impl Chip {
    /// The short note shown on the chip, after the address itself.
    pub fn note(&self) -> Option<String> {
        match &self.kind {
            ChipKind::Ready => None,
            ChipKind::Invalid(reason) => Some(
                reason
                    .strip_prefix(&format!("{} is ", self.text))
                    .unwrap_or(reason)
                    .to_owned(),
            ),
            ChipKind::AlreadyMember => Some("already a member".into()),
            ChipKind::AlreadyInvited => Some("already invited".into()),
        }
    }

    /// Why the chip will not be sent, if it will not.
    pub fn problem(&self) -> Option<String> {
        match &self.kind {
            ChipKind::Ready => None,
            ChipKind::Invalid(reason) => Some(reason.clone()),
            ChipKind::AlreadyMember => Some(format!("{} is already a member", self.text)),
            ChipKind::AlreadyInvited => Some(format!("{} has already been invited", self.text)),
        }
    }
}

/// Addresses the organization already has, normalized.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Known {
    pub members: Vec<String>,
    pub invited: Vec<String>,
}

impl Known {
    /// What a valid, normalized address is to the organization.
    fn kind_of(&self, email: &str) -> ChipKind {
        if self.members.iter().any(|m| m == email) {
            ChipKind::AlreadyMember
        } else if self.invited.iter().any(|i| i == email) {
            ChipKind::AlreadyInvited
        } else {
            ChipKind::Ready
        }
    }
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct ChipList {
    pub chips: Vec<Chip>,
}

/// Characters that end an address while typing.
pub fn is_separator(c: char) -> bool {
    matches!(c, ',' | ';' | ' ' | '\t' | '\n' | '\r')
}

impl ChipList {
    /// Adds every entry of `text` (typed or pasted). Returns how many duplicates were merged.
    pub fn add(&mut self, text: &str, known: &Known) -> usize {
        let parsed = parse_invitees(text);
        let mut merged = parsed.duplicates.len();
        for invitee in parsed.valid {
            if self.chips.iter().any(|c| c.text == invitee.email) {
                merged += 1;
                continue;
            }
            self.chips.push(Chip {
                kind: known.kind_of(&invitee.email),
                text: invitee.email,
            });
        }
        for bad in parsed.invalid {
            if !self.chips.iter().any(|c| c.text == bad.input) {
                self.chips.push(Chip {
                    kind: ChipKind::Invalid(bad.message()),
                    text: bad.input,
                });
            }
        }
        merged
    }

    /// Takes what was typed: everything up to the last separator becomes chips; the rest
    /// stays in the field. Returns that rest.
    pub fn take_typed(&mut self, typed: &str, known: &Known) -> String {
        match typed.rfind(is_separator) {
            Some(i) => {
                let (done, rest) = typed.split_at(i);
                self.add(done, known);
                rest.trim_start_matches(is_separator).to_owned()
            }
            None => typed.to_owned(),
        }
    }

    pub fn remove(&mut self, index: usize) {
        if index < self.chips.len() {
            self.chips.remove(index);
        }
    }

    /// Backspace in an empty field removes the last chip.
    pub fn remove_last(&mut self) -> Option<Chip> {
        self.chips.pop()
    }

    /// Marks the chips to be sent that `known` (newer than when they were added: a list
    /// that arrived since) says are members or invited already. Returns whether any changed.
    pub fn recheck(&mut self, known: &Known) -> bool {
        let mut changed = false;
        for chip in self.chips.iter_mut().filter(|c| c.kind == ChipKind::Ready) {
            chip.kind = known.kind_of(&chip.text);
            changed |= chip.kind != ChipKind::Ready;
        }
        changed
    }

    /// Removes the chips of these addresses (the ones invited successfully).
    pub fn remove_addresses(&mut self, addresses: &[String]) {
        self.chips
            .retain(|c| !addresses.iter().any(|a| normalize_email(a) == c.text));
    }

    /// Addresses that will be sent.
    pub fn ready(&self) -> Vec<String> {
        self.chips
            .iter()
            .filter(|c| c.kind == ChipKind::Ready)
            .map(|c| c.text.clone())
            .collect()
    }

    /// What sending will leave out, summed up: "3 addresses will be skipped: 1 not valid,
    /// 1 already a member, 1 already invited." `None` when every chip will be sent.
    pub fn skipped_summary(&self) -> Option<String> {
        let count = |f: fn(&ChipKind) -> bool| self.chips.iter().filter(|c| f(&c.kind)).count();
        let parts: Vec<String> = [
            (count(|k| matches!(k, ChipKind::Invalid(_))), "not valid"),
            (count(|k| *k == ChipKind::AlreadyMember), "already a member"),
            (count(|k| *k == ChipKind::AlreadyInvited), "already invited"),
        ]
        .into_iter()
        .filter(|(n, _)| *n > 0)
        .map(|(n, what)| format!("{n} {what}"))
        .collect();
        let skipped = self.chips.len() - self.ready().len();
        (skipped > 0).then(|| {
            let noun = if skipped == 1 { "address" } else { "addresses" };
            format!("{skipped} {noun} will be skipped: {}.", parts.join(", "))
        })
    }

    /// Drops every chip that would be skipped, keeping the ones that will be sent.
    pub fn remove_skipped(&mut self) {
        self.chips.retain(|c| c.kind == ChipKind::Ready);
    }

    /// The message when a batch is too large.
    pub fn over_limit(&self) -> Option<String> {
        let n = self.ready().len();
        (n > MAX_INVITEES_PER_BATCH).then(|| {
            format!("You can invite up to {MAX_INVITEES_PER_BATCH} addresses at once; remove {} or send them in another batch.", n - MAX_INVITEES_PER_BATCH)
        })
    }
}

/// What happened to one address when the batch was sent.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Outcome {
    Invited,
    AlreadyMember,
    AlreadyInvited,
    Refused(String),
    NetworkFailure,
}

impl Outcome {
    /// Reads a failed request's error by its `code` (never by its words); a server without
    /// codes gets its own message shown, which names the address.
    pub fn from_error(e: &crate::model::api_error::ApiError) -> Outcome {
        match e {
            crate::model::api_error::ApiError::Api { messages, code, .. } => {
                match code.as_deref() {
                    Some("already_member") => Outcome::AlreadyMember,
                    Some("already_invited") => Outcome::AlreadyInvited,
                    _ => Outcome::Refused(messages.join(" ")),
                }
            }
            crate::model::api_error::ApiError::Unreachable => Outcome::NetworkFailure,
            other => Outcome::Refused(other.to_string()),
        }
    }

    pub fn text(&self) -> String {
        match self {
            Outcome::Invited => "Invited".into(),
            Outcome::AlreadyMember => "Already a member".into(),
            Outcome::AlreadyInvited => "Already invited".into(),
            Outcome::Refused(m) => m.clone(),
            Outcome::NetworkFailure => {
                "Not sent: the service could not be reached. Try again.".into()
            }
        }
    }
}

#[cfg(test)]
mod tests;
