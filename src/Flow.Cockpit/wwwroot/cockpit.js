// Flow cockpit page: plain JavaScript, no build step. Talks only to ./api (same origin) and
// listens to ./api/live (Server-Sent Events) for deployment events and waiting counts.
(function () {
  'use strict';

  const state = { key: null, version: null, shownVersion: null, canOperate: false, deployments: [], filterNode: null, instanceId: null, compare: null, diffMarked: [], tenant: null, tenants: [], source: null, overlays: [] };
  const $ = (selector) => document.querySelector(selector);
  const viewer = new BpmnJS({ container: '#canvas' });

  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attrs || {})) {
      if (name === 'onclick') node.addEventListener('click', value);
      else if (value !== undefined && value !== null) node.setAttribute(name, value);
    }
    for (const child of children) node.append(child instanceof Node ? child : document.createTextNode(String(child)));
    return node;
  }

  async function api(path, options) {
    const response = await fetch('api/' + path, Object.assign({ headers: { 'Accept': 'application/json' } }, options));
    const text = await response.text();
    const body = text && (response.headers.get('content-type') || '').includes('json') ? JSON.parse(text) : text;
    if (!response.ok) {
      const problem = typeof body === 'object' ? body : { title: response.statusText, detail: text };
      const diagnostics = (problem.diagnostics || []).map(d => `\n${d.id} at ${d.key || ''}(${d.line},${d.column}): ${d.message}`).join('');
      throw new Error((problem.flowId ? problem.flowId + ': ' : '') + (problem.title || '') + (problem.detail ? ' — ' + problem.detail : '') + diagnostics);
    }
    return body;
  }

  function post(path, body) {
    return api(path, { method: 'POST', headers: { 'Content-Type': 'application/json', 'Accept': 'application/json' }, body: JSON.stringify(body || {}) });
  }

  function showError(error) {
    const box = $('#error');
    box.hidden = !error;
    box.textContent = error ? String(error.message || error) : '';
  }

  async function run(action) {
    try { showError(null); await action(); } catch (error) { showError(error); }
  }

  // ---- processes, versions, diagram ----

  async function loadProcesses() {
    const processes = await api('processes');
    const select = $('#process');
    select.replaceChildren(...processes.map(p => el('option', { value: p.key }, p.name ? `${p.name} (${p.key})` : p.key)));
    if (!processes.length) { $('#diagram-message').hidden = false; $('#diagram-message').textContent = 'Nothing deployed yet.'; return; }
    const wanted = new URLSearchParams(location.search).get('process');
    state.key = processes.some(p => p.key === state.key) ? state.key : (processes.some(p => p.key === wanted) ? wanted : processes[0].key);
    select.value = state.key;
    fillVersions(processes.find(p => p.key === state.key));
  }

  function fillVersions(process) {
    const select = $('#version');
    const latest = process.latest ? `latest (v${process.latest.deploymentVersion})` : 'latest (undeployed)';
    select.replaceChildren(el('option', { value: '' }, latest),
      ...process.versions.map(v => el('option', { value: v.deploymentVersion }, `v${v.deploymentVersion}` + (v.latest ? ' ★' : ''))));
    select.value = state.version === null ? '' : String(state.version);
    const compare = $('#compare');
    compare.replaceChildren(el('option', { value: '' }, '—'), ...process.versions.map(v => el('option', { value: v.deploymentVersion }, `v${v.deploymentVersion}`)));
    if (state.compare !== null && !process.versions.some(v => v.deploymentVersion === state.compare)) state.compare = null;
    compare.value = state.compare === null ? '' : String(state.compare);
  }

  // Marks what changed in the shown version against the one to compare with (computed on the server from both texts).
  async function showDiff() {
    const canvas = viewer.get('canvas');
    const registry = viewer.get('elementRegistry');
    for (const id of state.diffMarked) {
      if (registry.get(id)) { canvas.removeMarker(id, 'flow-diff-added'); canvas.removeMarker(id, 'flow-diff-changed'); }
    }
    state.diffMarked = [];
    const summary = $('#diff-summary');
    summary.replaceChildren();
    if (state.compare === null || !state.key || state.shownVersion === null) return;
    const params = new URLSearchParams({ version: state.shownVersion, against: state.compare });
    const diff = await api(`processes/${encodeURIComponent(state.key)}/diff?${params}`);
    for (const [ids, marker] of [[diff.added, 'flow-diff-added'], [diff.changed, 'flow-diff-changed']]) {
      for (const id of ids) {
        if (!registry.get(id)) continue;
        canvas.addMarker(id, marker);
        state.diffMarked.push(id);
      }
    }
    summary.append(`v${diff.version} against v${diff.against}: `,
      el('span', { class: 'changed' }, `${diff.changed.length} changed`), ', ',
      el('span', { class: 'added' }, `${diff.added.length} added`), `, ${diff.removed.length} removed`,
      diff.removed.length ? ` (${diff.removed.join(', ')})` : '');
  }

  async function loadDiagram() {
    if (!state.key) return;
    const query = state.version === null ? '' : `?version=${state.version}`;
    const definition = await api(`processes/${encodeURIComponent(state.key)}${query}`);
    state.shownVersion = definition.deploymentVersion;
    const message = $('#diagram-message');
    if (!definition.bpmnXml) {
      viewer.clear();
      message.hidden = false;
      message.textContent = `v${definition.deploymentVersion} does not carry its BPMN text (FLOW6406): counts are listed below.`;
      return;
    }
    message.hidden = true;
    await viewer.importXML(definition.bpmnXml);
    viewer.get('canvas').zoom('fit-viewport', 'auto');
    state.overlays = [];
    state.diffMarked = [];
    await showDiff();
    connectLive();
  }

  function showCounts(counts) {
    const overlays = viewer.get('overlays');
    const registry = viewer.get('elementRegistry');
    overlays.remove({ type: 'flow-count' });
    const perNode = {};
    for (const row of counts.nodes) {
      const total = perNode[row.nodeId] || (perNode[row.nodeId] = { waiting: 0, failed: 0 });
      total.waiting += row.waiting;
      total.failed += row.failed;
    }
    for (const [nodeId, total] of Object.entries(perNode)) {
      if (!registry.get(nodeId)) continue;
      if (total.waiting > 0) {
        overlays.add(nodeId, 'flow-count', { position: { bottom: 10, right: 10 },
          html: el('div', { class: 'flow-count waiting', 'data-node': nodeId, title: 'waiting' }, total.waiting) });
      }
      if (total.failed > 0) {
        overlays.add(nodeId, 'flow-count', { position: { bottom: 10, left: -10 },
          html: el('div', { class: 'flow-count failed', 'data-node': nodeId, title: 'failed' }, total.failed) });
      }
    }
  }

  // ---- live updates ----

  function connectLive() {
    if (state.source) state.source.close();
    const params = new URLSearchParams({ key: state.key });
    if (state.version !== null) params.set('version', state.version);
    const source = new EventSource('api/live?' + params);
    state.source = source;
    source.addEventListener('open', () => { $('#live').textContent = 'live'; });
    source.addEventListener('error', () => { $('#live').textContent = 'reconnecting…'; });
    source.addEventListener('tokens', (event) => {
      showCounts(JSON.parse(event.data));
      run(loadInstances);
    });
    source.addEventListener('deployments', () => run(async () => { await loadTimeline(); await refreshVersions(); await loadTenants(); }));
  }

  async function refreshVersions() {
    const processes = await api('processes');
    const process = processes.find(p => p.key === state.key);
    if (!process) return;
    fillVersions(process);
    // Following "latest": a deployment or rollback that moved it redraws the diagram.
    if (state.version === null && process.latest && process.latest.deploymentVersion !== state.shownVersion) {
      await loadDiagram();
      await loadInstances();
    }
  }

  // ---- instances ----

  // What an instance waits on that no one completes (an async continuation, a timer), e.g.
  // "waiting for job at Ship (attempt 2 of 3, due 02:10 UTC) — last error: carrier down".
  function jobText(jobs) {
    if (!jobs || !jobs.length) return '';
    return jobs.map(j => {
      const due = new Date(j.dueAt);
      const day = due.toISOString().slice(0, 10) === new Date().toISOString().slice(0, 10) ? '' : due.toISOString().slice(0, 10) + ' ';
      const attempt = j.maxAttempts ? `attempt ${j.attempt} of ${j.maxAttempts}, ` : j.attempt > 1 ? `attempt ${j.attempt}, ` : '';
      const what = j.kind === 'timer' ? 'waiting for timer' : 'waiting for job';
      return `${what} at ${j.nodeId || j.kind} (${attempt}due ${day}${due.toISOString().slice(11, 16)} UTC)` + (j.lastError ? ` — last error: ${j.lastError}` : '');
    }).join('; ');
  }

  function waitingText(waitingAt, jobs) {
    const onJobs = jobText(jobs);
    return (waitingAt.length ? ' at ' + waitingAt.join(', ') : '') + (onJobs ? ' — ' + onJobs : '');
  }

  async function loadInstances() {
    if (!state.key) return;
    const params = new URLSearchParams({ key: state.key, pageSize: 50 });
    if (state.version !== null) params.set('version', state.version);
    if (state.tenant) params.set('tenant', state.tenant);
    if (state.filterNode) params.set('waitingAt', state.filterNode);
    else params.set('status', 'Waiting');
    const page = await api('instances?' + params);
    $('#instances-filter').textContent = state.filterNode ? `waiting at ${state.filterNode}` : 'waiting';
    $('#instances tbody').replaceChildren(...page.items.map(i => {
      const row = el('tr', { 'data-instance': i.id, class: i.id === state.instanceId ? 'selected' : null, onclick: () => run(() => showInstance(i.id)) },
        el('td', {}, i.id), el('td', {}, 'v' + i.deploymentVersion + (i.tenantId ? ' · ' + i.tenantId : '')), el('td', {}, i.status), el('td', { 'data-waiting': i.id }, [i.waitingAt.join(', '), jobText(i.jobs)].filter(Boolean).join('; ') || i.failedAt || ''));
      return row;
    }));
    $('#instances-more').textContent = page.total > page.items.length ? `${page.items.length} of ${page.total} shown` : '';
    if (state.instanceId) await showInstance(state.instanceId, true);
  }

  async function showInstance(id, quiet) {
    let instance;
    try { instance = await api('instances/' + encodeURIComponent(id)); } catch (error) { if (quiet) return; throw error; }
    state.instanceId = id;
    $('#instance').hidden = false;
    $('#instance-id').textContent = instance.id;
    const waiting = waitingText(instance.waitingAt, instance.jobs);
    $('#instance-status').textContent = instance.status + waiting + (instance.failure ? ` — failed at ${instance.failure.nodeId}: ${instance.failure.message}` : '');
    $('#instance-version').textContent = 'v' + instance.deploymentVersion;
    $('#instance-data').textContent = JSON.stringify(instance.data, null, 2);
    $('#instance-history').replaceChildren(...instance.history.map(node => el('li', {}, node)));
    const actions = $('#instance-actions');
    actions.replaceChildren();
    if (!state.canOperate || ['Completed', 'Aborted'].includes(instance.status)) return;
    for (const nodeId of instance.waitingAt) {
      const outputs = el('textarea', { rows: 2, 'data-outputs': nodeId, 'aria-label': `outputs of ${nodeId}` });
      outputs.value = '{}';
      actions.append(el('div', { class: 'action' }, outputs,
        el('button', { 'data-action': 'complete', 'data-node': nodeId, onclick: () => run(async () => {
          await post(`instances/${encodeURIComponent(id)}/complete/${encodeURIComponent(nodeId)}`, JSON.parse(outputs.value || '{}'));
          await showInstance(id);
        }) }, `Complete ${nodeId}`)));
    }
    actions.append(el('div', { class: 'action' },
      el('button', { class: 'danger', 'data-action': 'abort', onclick: () => run(async () => {
        if (!confirm(`Abort instance ${id}?`)) return;
        await post(`instances/${encodeURIComponent(id)}/abort`);
        await showInstance(id);
      }) }, 'Abort'),
      ' ',
      el('button', { 'data-action': 'migrate', onclick: () => run(async () => {
        await post(`instances/${encodeURIComponent(id)}/migrate`, {});
        await showInstance(id);
      }) }, 'Migrate to latest')));
    const messageName = el('input', { 'data-message': 'name', placeholder: 'message name', size: 14, 'aria-label': 'message name' });
    const correlationKey = el('input', { 'data-message': 'key', placeholder: 'correlation key', size: 12, 'aria-label': 'correlation key' });
    const payload = el('textarea', { rows: 2, 'data-message': 'payload', 'aria-label': 'message payload' });
    payload.value = '{}';
    actions.append(el('div', { class: 'action' }, el('strong', {}, 'Message '), messageName, ' ', correlationKey, payload,
      el('button', { 'data-action': 'correlate', onclick: () => run(async () => {
        const body = { messageName: messageName.value.trim(), payload: JSON.parse(payload.value || '{}') };
        if (correlationKey.value.trim()) body.correlationKey = correlationKey.value.trim();
        if (instance.tenantId) body.tenant = instance.tenantId;
        await post('messages', body);
        await showInstance(id);
      }) }, 'Correlate')));
  }

  // ---- deployments timeline ----

  async function loadTimeline() {
    const [deployments, events] = await Promise.all([api('deployments'), api('events')]);
    state.deployments = deployments;
    const live = new Map(deployments.map(d => [d.name, d.liveVersion]));
    const registered = new Set(deployments.flatMap(d => d.versions.filter(v => true).map(v => d.name + '/' + v.version)));
    const offered = new Set();
    const items = events.slice().reverse().map(e => {
      const item = el('li', { class: e.kind, 'data-kind': e.kind, 'data-name': e.name, 'data-version': e.version },
        el('strong', {}, e.kind), ` ${e.name} v${e.version} `,
        el('span', { class: 'muted' }, new Date(e.at).toLocaleTimeString()));
      if (e.flowId) item.append(el('div', {}, `${e.flowId}: ${e.message || ''}`));
      const key = e.name + '/' + e.version;
      if (live.get(e.name) === e.version && (e.kind === 'activated' || e.kind === 'rollback') && !offered.has('live:' + key)) {
        offered.add('live:' + key);
        item.append(' ', el('span', { class: 'live' }, 'live'));
      } else if (state.canOperate && (e.kind === 'activated' || e.kind === 'rollback') && registered.has(key) && live.get(e.name) !== e.version && !offered.has(key)) {
        offered.add(key);
        item.append(' ', el('button', { 'data-action': 'rollback', 'data-name': e.name, 'data-version': e.version,
          onclick: () => run(async () => { await post(`deployments/${encodeURIComponent(e.name)}/rollback`, { version: e.version }); await loadTimeline(); }) },
          `Roll back to v${e.version}`));
      }
      return item;
    });
    $('#timeline').replaceChildren(...items);
  }

  // ---- tenants: a selector only when the registry has any; it filters the instances and names the tenant of uploads ----

  async function loadTenants() {
    state.tenants = await api('tenants');
    $('#tenant-choice').hidden = state.tenants.length === 0;
    if (state.tenant !== null && !state.tenants.includes(state.tenant)) state.tenant = null;
    $('#tenant').replaceChildren(el('option', { value: '' }, 'all'), ...state.tenants.map(t => el('option', { value: t }, t)));
    $('#tenant').value = state.tenant || '';
  }

  // ---- deploying (operators only: the server checks the operator policy regardless) ----

  function showDeployForm() {
    const file = el('input', { type: 'file', id: 'upload-file', accept: '.bpmn,.xml,.zip', 'aria-label': 'deployment file' });
    const key = el('input', { id: 'upload-key', placeholder: 'process key (.bpmn)', size: 16, 'aria-label': 'process key' });
    const status = el('span', { id: 'upload-status', class: 'muted' });
    file.addEventListener('change', () => {
      const name = file.files[0] ? file.files[0].name : '';
      if (name && !name.endsWith('.zip')) key.value = name.replace(/\.(bpmn20\.xml|bpmn|xml)$/i, '');
    });
    const upload = el('button', { 'data-action': 'upload', onclick: () => run(async () => {
      const chosen = file.files[0];
      if (!chosen) throw new Error('Choose a .bpmn file or a deployment package (.zip) first.');
      const zip = chosen.name.toLowerCase().endsWith('.zip');
      const params = new URLSearchParams();
      if (!zip) params.set('key', key.value.trim());
      if (state.tenant) params.set('tenant', state.tenant);
      status.textContent = 'deploying…';
      try {
        const deployed = await api('deployments?' + params, { method: 'POST', body: await chosen.arrayBuffer(),
          headers: { 'Content-Type': zip ? 'application/zip' : 'application/xml', 'Accept': 'application/json' } });
        status.textContent = `${deployed.name} v${deployed.version} deployed`;
      } catch (error) { status.textContent = ''; throw error; }
      await loadTimeline(); await refreshVersions();
    }) }, 'Deploy');
    $('#deploy').replaceChildren(el('div', { class: 'action' }, file, ' ', key, ' ', upload, ' ', status));
  }

  // ---- wiring ----

  $('#process').addEventListener('change', (event) => run(async () => {
    state.key = event.target.value; state.version = null; state.filterNode = null; state.instanceId = null;
    $('#instance').hidden = true;
    await loadProcesses(); await loadDiagram(); await loadInstances();
  }));
  $('#version').addEventListener('change', (event) => run(async () => {
    state.version = event.target.value === '' ? null : Number(event.target.value);
    state.filterNode = null;
    await loadDiagram(); await loadInstances();
  }));
  $('#tenant').addEventListener('change', (event) => run(async () => {
    state.tenant = event.target.value === '' ? null : event.target.value;
    await loadInstances();
  }));
  $('#compare').addEventListener('change', (event) => run(async () => {
    state.compare = event.target.value === '' ? null : Number(event.target.value);
    await showDiff();
  }));
  viewer.get('eventBus').on('element.click', (event) => run(async () => {
    const id = event.element && event.element.type !== 'bpmn:Process' ? event.element.id : null;
    state.filterNode = state.filterNode === id ? null : id;
    await loadInstances();
  }));

  run(async () => {
    const me = await api('me');
    state.canOperate = me.operator;
    $('#role').textContent = me.operator ? 'operator' : 'reader';
    if (me.operator) showDeployForm();
    await loadTenants();
    await loadProcesses();
    await loadTimeline();
    await loadDiagram();
    await loadInstances();
  });
})();
