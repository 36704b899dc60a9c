// The plain-JS baseline of scripts/bench-members: the members page's work written by hand,
// without a framework, as a page that loads everything would do it. It reads the config and
// the token, asks for the user and the organizations, downloads every member of the
// organization (pages of 1,000, the rest together after the first), sorts them by name and
// renders the first 50 rows. Served from a copy of dist/ during the benchmark only.
(async () => {
  const org = new URLSearchParams(location.search).get('org');
  const config = await (await fetch('/config.json')).json();
  const base = config.api_base || '/metal/v1';
  const headers = { 'X-Auth-Token': localStorage.getItem('org-console.token'), Accept: 'application/json' };
  const get = async (path) => (await fetch(base + path, { headers })).json();
  await Promise.all([get('/user'), get('/organizations?exclude=members,projects&per_page=100')]);
  const page = (p) => get(`/organizations/${org}/members?include=user,projects&page=${p}&per_page=1000`);
  const first = await page(1);
  const rest = await Promise.all(Array.from({ length: first.meta.last_page - 1 }, (_, i) => page(i + 2)));
  const members = first.members.concat(...rest.map((r) => r.members));
  members.sort((a, b) => a.user.full_name.toLowerCase().localeCompare(b.user.full_name.toLowerCase()));
  const tbody = document.querySelector('table.members tbody');
  for (const m of members.slice(0, 50)) {
    const tr = document.createElement('tr');
    for (const text of [m.user.full_name, m.user.email, m.roles[0]]) {
      const td = document.createElement('td');
      td.textContent = text;
      tr.append(td);
    }
    tbody.append(tr);
  }
})();
