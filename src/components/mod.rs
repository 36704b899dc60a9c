pub mod create_org;
pub mod dialog;
pub mod field;
pub mod frame;
pub mod org_sidebar;
pub mod status;
pub mod switcher;
