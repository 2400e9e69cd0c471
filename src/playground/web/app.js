// The playground page: a Slack-shaped client for the local workspace. It shows what the server's
// workspace holds (pushed over Server-Sent Events) and sends what you do (a line typed, a click,
// opening the App Home, a modal submitted) to the server, which turns it into the payload Slack
// would send the app. Nothing on this page answers anything.
import { h, renderBlocks, renderMrkdwn } from './blockkit.js';

const HISTORY_KEY = 'tesla-playground-history';
const TIME_ZONE = Intl.DateTimeFormat().resolvedOptions().timeZone;
const SUGGESTIONS = [
  ['/tesla what did Musk say', 'Ask privately; then Share in channel'],
  ['/tesla help', 'How to ask'],
  ['/tesla sources', 'The articles I know'],
  ['/tesla digest now', 'Preview this channel’s daily digest'],
  ['/tesla digest on 09:00 --always', 'A daily digest for this channel'],
  ['/tesla digest status', 'The digest’s settings and last runs'],
  ['/tesla digest off', 'Stop the daily digest'],
];

const state = {
  ready: false,
  team: null,
  you: '',
  bot: null,
  users: new Map(),
  channels: [],
  messages: new Map(),
  home: null,
  modals: [],
  clock: { now: Date.now(), offsetMs: 0 },
  view: { kind: 'channel', channel: '' },
  thread: null,
  connected: false,
  pending: [],
  unread: new Map(),
  history: loadHistory(),
  homeLoading: false,
};

const composers = new Map();
let renderQueued = false;
let shownModal = '';

// ---- talking to the server --------------------------------------------------------------------

class PlaygroundError extends Error {}

async function post(path, body) {
  let response;
  try {
    response = await fetch(`/playground/${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  } catch {
    throw new PlaygroundError('Can’t reach the playground server. Is “npm start” still running in your terminal?');
  }
  let data = {};
  try {
    data = await response.json();
  } catch {
    // Not JSON: the status says enough.
  }
  if (!response.ok || data.ok === false) throw new PlaygroundError(data.error ?? `The playground server answered ${response.status}.`);
  return data;
}

function connect() {
  const source = new EventSource(`/playground/events?tz=${encodeURIComponent(TIME_ZONE)}`);
  source.addEventListener('snapshot', (event) => {
    applySnapshot(JSON.parse(event.data));
    setConnected(true);
  });
  source.addEventListener('change', (event) => applyChange(JSON.parse(event.data)));
  source.addEventListener('error', () => setConnected(false));
}

function setConnected(connected) {
  state.connected = connected;
  const banner = document.getElementById('banner');
  if (connected) {
    banner.hidden = true;
  } else {
    banner.hidden = false;
    banner.textContent = `Lost the connection to the playground server at ${location.origin}. Is “npm start” still running? Reconnecting…`;
  }
  schedule();
}

function applySnapshot(snapshot) {
  state.team = snapshot.team;
  state.you = snapshot.you;
  state.bot = snapshot.bot;
  state.users = new Map(snapshot.users.map((user) => [user.id, user]));
  state.channels = snapshot.channels;
  state.messages = new Map(snapshot.messages.map((message) => [key(message.channel, message.ts), message]));
  state.home = snapshot.home;
  state.modals = snapshot.modals;
  state.clock = snapshot.clock;
  if (!state.ready) {
    state.ready = true;
    const first = state.channels.find((channel) => channel.kind === 'channel');
    state.view = { kind: 'channel', channel: first?.id ?? '' };
    renderSkeleton();
  }
  schedule();
}

function applyChange(change) {
  switch (change.type) {
    case 'message': {
      const id = key(change.message.channel, change.message.ts);
      const isNew = !state.messages.has(id);
      state.messages.set(id, change.message);
      if (isNew) noteNewMessage(change.message);
      break;
    }
    case 'message_deleted':
      state.messages.delete(key(change.channel, change.ts));
      break;
    case 'home':
      state.home = change.view;
      state.homeLoading = false;
      break;
    case 'modals':
      state.modals = change.views;
      break;
    case 'user':
      state.users.set(change.user.id, change.user);
      break;
    case 'clock':
      state.clock = change.clock;
      break;
  }
  schedule();
}

function noteNewMessage(message) {
  const visible = isVisible(message);
  if (!visible && message.user !== state.you) state.unread.set(message.channel, (state.unread.get(message.channel) ?? 0) + 1);
}

function isVisible(message) {
  const { view, thread } = state;
  if (thread !== null && thread.channel === message.channel && (message.threadTs === thread.ts || message.ts === thread.ts)) return true;
  if (message.threadTs !== null) return currentChannel() === message.channel;
  return currentChannel() === message.channel && (view.kind === 'channel' || view.tab === 'messages');
}

// ---- state helpers ----------------------------------------------------------------------------

function key(channel, ts) {
  return `${channel}|${ts}`;
}

function currentChannel() {
  if (state.view.kind === 'channel') return state.view.channel;
  return state.view.tab === 'messages' ? botDm()?.id ?? '' : '';
}

function botDm() {
  return state.channels.find((channel) => channel.kind === 'im' && channel.user === state.bot?.userId);
}

function channelById(id) {
  return state.channels.find((channel) => channel.id === id);
}

function userName(id) {
  return state.users.get(id)?.name ?? id;
}

function channelName(id) {
  return channelById(id)?.name ?? id;
}

function messagesIn(channel, threadTs) {
  return [...state.messages.values()]
    .filter((m) => m.channel === channel && (threadTs === null ? m.threadTs === null : m.threadTs === threadTs || m.ts === threadTs))
    .sort((a, b) => Number(a.ts) - Number(b.ts));
}

function loadHistory() {
  try {
    const stored = JSON.parse(localStorage.getItem(HISTORY_KEY) ?? '[]');
    return Array.isArray(stored) ? stored.filter((line) => typeof line === 'string').slice(-50) : [];
  } catch {
    return [];
  }
}

function remember(line) {
  if (state.history.at(-1) !== line) state.history.push(line);
  state.history = state.history.slice(-50);
  try {
    localStorage.setItem(HISTORY_KEY, JSON.stringify(state.history));
  } catch {
    // Private mode: history lasts for this page only.
  }
}

// ---- layout -----------------------------------------------------------------------------------

function schedule() {
  if (renderQueued) return;
  renderQueued = true;
  requestAnimationFrame(() => {
    renderQueued = false;
    if (!state.ready) return;
    renderSidebar();
    renderMainContent();
    renderThreadContent();
    renderModal();
  });
}

function renderSkeleton() {
  renderMainSkeleton();
  renderThreadSkeleton();
}

function setView(view) {
  state.view = view;
  if (state.thread !== null && state.thread.channel !== currentChannel()) state.thread = null;
  const channel = currentChannel();
  if (channel !== '') state.unread.delete(channel);
  renderSkeleton();
  schedule();
  if (view.kind === 'app') openAppTab(view.tab);
}

async function openAppTab(tab) {
  if (tab === 'home') state.homeLoading = state.home === null;
  schedule();
  try {
    await post('home', { tab });
  } catch (error) {
    state.homeLoading = false;
    toast(error.message);
    schedule();
  }
}

function openThread(channel, ts) {
  state.thread = { channel, ts };
  renderThreadSkeleton();
  schedule();
  composers.get(`thread|${channel}|${ts}`)?.focus();
}

function closeThread() {
  state.thread = null;
  renderThreadSkeleton();
  schedule();
}

// ---- sidebar ----------------------------------------------------------------------------------

function renderSidebar() {
  const sidebar = document.getElementById('sidebar');
  const item = (label, icon, active, unread, onclick, testId) =>
    h(
      'button',
      { type: 'button', class: `side-item${active ? ' active' : ''}${unread > 0 ? ' unread' : ''}`, onclick, 'data-testid': testId },
      h('span', { class: 'side-icon', text: icon }),
      h('span', { class: 'side-label', text: label }),
      unread > 0 ? h('span', { class: 'side-badge', text: String(unread) }) : null,
    );
  const channels = state.channels.filter((channel) => channel.kind === 'channel');
  const dm = botDm();
  const offset = state.clock.offsetMs;
  sidebar.replaceChildren(
    h('div', { class: 'side-team' }, h('span', { class: 'side-team-name', text: state.team?.name ?? 'Playground' }), h('span', { class: `status-dot ${state.connected ? 'online' : 'offline'}`, title: state.connected ? 'Connected to the playground server' : 'Not connected' })),
    h('div', { class: 'side-section', text: 'Channels' }),
    ...channels.map((channel) =>
      item(channel.name, '#', state.view.kind === 'channel' && state.view.channel === channel.id, state.unread.get(channel.id) ?? 0, () => setView({ kind: 'channel', channel: channel.id }), `channel-${channel.name}`),
    ),
    h('div', { class: 'side-section', text: 'Apps' }),
    item(state.bot?.name ?? 'tesla', '⚡', state.view.kind === 'app', dm ? state.unread.get(dm.id) ?? 0 : 0, () => setView({ kind: 'app', tab: 'home' }), 'app-tesla'),
    h(
      'div',
      { class: 'side-footer' },
      h('div', { class: 'side-you' }, avatar(state.you, 'small'), h('span', { text: `${userName(state.you)} · ${TIME_ZONE}` })),
      offset > 0
        ? h('div', { class: 'side-clock', 'data-testid': 'playground-clock', title: 'Skipped ahead with “Next digest”; a restart goes back to real time' }, `⏩ Playground time: ${formatDateTime(Date.now() + offset)} (${formatDuration(offset)} ahead)`)
        : null,
    ),
  );
}

// ---- main pane ----------------------------------------------------------------------------------

function renderMainSkeleton() {
  const main = document.getElementById('main');
  const header = h('header', { class: 'pane-header', id: 'main-header' });
  const tabs = state.view.kind === 'app' ? h('div', { class: 'tabs', role: 'tablist', id: 'app-tabs' }) : null;
  const body = stickyBody('main-body');
  const channel = currentChannel();
  const composer = channel === '' ? null : composerFor(`main|${channel}`, channel, null);
  main.replaceChildren(header, ...(tabs ? [tabs] : []), body, ...(composer ? [composer.element] : []));
  composer?.focus();
}

function renderMainContent() {
  const header = document.getElementById('main-header');
  const body = document.getElementById('main-body');
  if (header === null || body === null) return;
  if (state.view.kind === 'channel') {
    const channel = channelById(state.view.channel);
    header.replaceChildren(
      h('div', { class: 'pane-title' }, h('span', { class: 'pane-name', text: `# ${channel?.name ?? ''}` }), h('span', { class: 'pane-topic', text: channel?.topic ?? '' })),
      h('button', { type: 'button', class: 'header-button', 'data-testid': 'skip-digest', title: 'Skip playground time to this channel’s next daily digest; the scheduler then runs it as it would at that hour', onclick: () => skipToDigest(channel?.id ?? '') }, '⏩ Next digest'),
    );
    renderMessageList(body, messagesIn(state.view.channel, null), { channel: state.view.channel, threadTs: null, inThread: false });
    return;
  }
  const dm = botDm();
  header.replaceChildren(
    h('div', { class: 'pane-title' }, avatar(state.bot?.userId ?? '', 'small'), h('span', { class: 'pane-name', text: state.bot?.name ?? 'tesla' }), h('span', { class: 'app-badge', text: 'APP' })),
  );
  const tabs = document.getElementById('app-tabs');
  const tab = (name, label) =>
    h('button', { type: 'button', role: 'tab', class: `tab${state.view.tab === name ? ' active' : ''}`, 'aria-selected': state.view.tab === name ? 'true' : 'false', 'data-testid': `tab-${name}`, onclick: () => setView({ kind: 'app', tab: name }) }, label, name === 'messages' && dm && (state.unread.get(dm.id) ?? 0) > 0 ? h('span', { class: 'side-badge', text: String(state.unread.get(dm.id)) }) : null);
  tabs?.replaceChildren(tab('home', 'Home'), tab('messages', 'Messages'));
  if (state.view.tab === 'home') {
    // Drawn again only when the app publishes a new view, so open menus and the scroll position stay.
    const signature = state.home === null ? `none:${state.homeLoading}` : `${state.home.id}:${state.home.hash}`;
    if (body.dataset.home !== signature) {
      body.dataset.home = signature;
      body.replaceChildren(renderHome());
    }
    return;
  }
  renderMessageList(body, dm ? messagesIn(dm.id, null) : [], { channel: dm?.id ?? '', threadTs: null, inThread: false });
}

function renderHome() {
  if (state.home === null) {
    return h('div', { class: 'empty-note' }, state.homeLoading ? `Opening the Home tab (the app gets app_home_opened and publishes it)…` : 'The app has not published a Home tab yet.');
  }
  const view = state.home;
  return h(
    'div',
    { class: 'home-view', 'data-testid': 'home-view' },
    renderBlocks(view.blocks, blockContext('home', (action) => post('action', { viewId: view.id, blockId: action.blockId, actionId: action.actionId, option: action.option ?? null }).then(() => undefined, fail))),
  );
}

/** A scrolling pane that stays at the bottom as messages arrive, unless you scrolled up to read. */
function stickyBody(id) {
  const body = h('div', { class: 'pane-body', id });
  body.dataset.stick = 'true';
  body.addEventListener('scroll', () => {
    body.dataset.stick = String(body.scrollHeight - body.scrollTop - body.clientHeight < 60);
  });
  return body;
}

function renderMessageList(body, messages, place) {
  delete body.dataset.home;
  const list = h('div', { class: 'message-list' });
  if (messages.length === 0 && !place.inThread) {
    list.append(emptyChannelNote(place.channel));
  }
  let lastDay = '';
  for (const message of messages) {
    const day = dayLabel(Number(message.ts) * 1000);
    if (!place.inThread && day !== lastDay) {
      list.append(h('div', { class: 'day-divider' }, h('span', { text: day })));
      lastDay = day;
    }
    list.append(renderMessage(message, place));
    if (place.inThread && message.ts === place.threadTs) {
      const count = messages.length - 1;
      list.append(h('div', { class: 'thread-count' }, h('span', { text: count === 0 ? 'No replies yet' : `${count} ${count === 1 ? 'reply' : 'replies'}` })));
    }
  }
  // "Working on it" until the app's answer arrives there (it may arrive before the send returns), at most 8 s.
  const answered = (p) => messages.some((m) => m.botId !== null && Number(m.ts) * 1000 >= p.at);
  const pending = state.pending.find((p) => p.channel === place.channel && p.threadTs === place.threadTs && Date.now() - p.since < 8_000 && !answered(p));
  if (pending) list.append(h('div', { class: 'typing', 'data-testid': 'typing', text: `${state.bot?.name ?? 'tesla'} is working on it…` }));
  body.replaceChildren(list);
  if (body.dataset.stick !== 'false') body.scrollTop = body.scrollHeight;
}

function emptyChannelNote(channel) {
  const dm = botDm();
  if (channel === dm?.id) {
    return h('div', { class: 'empty-note' }, 'This is your direct message with the app. Ask it anything about the news corpus, e.g. ', h('code', { text: 'what did Musk say' }), ', then follow up with ', h('code', { text: 'more' }), '.');
  }
  return h(
    'div',
    { class: 'empty-note' },
    h('b', { text: `This is the very beginning of #${channelName(channel)}.` }),
    h('br'),
    'Try ',
    h('code', { text: '/tesla what did Musk say' }),
    ' (only you see the answer), ',
    h('code', { text: '@tesla where is the data stored?' }),
    ' (answered in a thread), or ',
    h('code', { text: '/tesla help' }),
    '.',
  );
}

function renderMessage(message, place) {
  const isBot = message.botId !== null;
  const ephemeral = message.ephemeralTo !== null;
  const content = h('div', { class: 'msg-content' });
  if (Array.isArray(message.blocks) && message.blocks.length > 0) {
    content.append(
      renderBlocks(
        message.blocks,
        blockContext('message', (action) =>
          post('action', { channel: message.channel, ts: message.ts, blockId: action.blockId, actionId: action.actionId, option: action.option ?? null }).then(() => undefined, fail),
        ),
      ),
    );
  } else {
    content.append(h('div', { class: 'msg-text' }, renderMrkdwn(message.text, blockContext('message', async () => {}))));
  }
  const meta = h(
    'div',
    { class: 'msg-meta' },
    h('span', { class: 'msg-author', text: displayName(message.user) }),
    isBot ? h('span', { class: 'app-badge', text: 'APP' }) : null,
    h('span', { class: 'msg-time', title: new Date(Number(message.ts) * 1000).toString(), text: formatTime(Number(message.ts) * 1000) }),
    message.edited ? h('span', { class: 'msg-edited', text: '(edited)' }) : null,
  );
  const extras = [];
  if (!place.inThread && message.threadTs === null && message.replyCount > 0) {
    extras.push(
      h(
        'button',
        { type: 'button', class: 'thread-summary', 'data-testid': 'thread-summary', onclick: () => openThread(message.channel, message.ts) },
        h('span', { class: 'thread-replies', text: `${message.replyCount} ${message.replyCount === 1 ? 'reply' : 'replies'}` }),
        h('span', { class: 'thread-last', text: message.latestReply ? `Last reply ${formatTime(Number(message.latestReply) * 1000)}` : '' }),
      ),
    );
  }
  if (ephemeral) {
    extras.push(h('button', { type: 'button', class: 'link-button dismiss', onclick: () => post('dismiss', { channel: message.channel, ts: message.ts }).catch(fail) }, 'Dismiss message'));
  }
  const hoverActions =
    !place.inThread && message.threadTs === null && !ephemeral && channelById(message.channel)?.kind === 'channel'
      ? h('div', { class: 'msg-hover' }, h('button', { type: 'button', class: 'hover-button', title: 'Reply in thread', 'aria-label': 'Reply in thread', onclick: () => openThread(message.channel, message.ts) }, '💬'))
      : null;
  return h(
    'div',
    { class: `msg${ephemeral ? ' ephemeral' : ''}${isBot ? ' from-bot' : ''}`, 'data-ts': message.ts, 'data-channel': message.channel, 'data-testid': ephemeral ? 'ephemeral-message' : 'message' },
    ephemeral ? h('div', { class: 'eph-label' }, h('span', { class: 'eye', text: '👁' }), ' Only visible to you') : null,
    h('div', { class: 'msg-row' }, avatar(message.user), h('div', { class: 'msg-body' }, meta, content, ...extras)),
    hoverActions,
  );
}

function displayName(userId) {
  const user = state.users.get(userId);
  // People and Slackbot by their full name; apps by their display name, as Slack shows them.
  return user?.realName && (!user.isBot || user.id === 'USLACKBOT') ? user.realName : user?.name ?? userId;
}

function avatar(userId, size = '') {
  const user = state.users.get(userId);
  const isBot = userId === state.bot?.userId;
  const letter = isBot ? 't' : user?.id === 'USLACKBOT' ? '✱' : (user?.name ?? '?').slice(0, 1).toUpperCase();
  const kind = isBot ? 'bot' : user?.id === 'USLACKBOT' ? 'slackbot' : 'human';
  return h('span', { class: `avatar avatar-${kind} ${size}`, 'aria-hidden': 'true', text: letter });
}

function blockContext(surface, onAction, extra = {}) {
  return {
    surface,
    userName,
    channelName,
    openChannel: (id) => {
      const channel = channelById(id);
      if (channel?.kind === 'channel') setView({ kind: 'channel', channel: id });
    },
    channels: state.channels,
    onAction,
    ...extra,
  };
}

function fail(error) {
  toast(error instanceof Error ? error.message : String(error));
  throw error;
}

// ---- thread pane ---------------------------------------------------------------------------------

function renderThreadSkeleton() {
  const pane = document.getElementById('thread');
  const layout = document.getElementById('layout');
  if (state.thread === null) {
    pane.hidden = true;
    pane.replaceChildren();
    layout.classList.remove('with-thread');
    return;
  }
  const { channel, ts } = state.thread;
  const composer = composerFor(`thread|${channel}|${ts}`, channel, ts);
  pane.hidden = false;
  layout.classList.add('with-thread');
  pane.replaceChildren(
    h(
      'header',
      { class: 'pane-header thread-header' },
      h('div', { class: 'pane-title' }, h('span', { class: 'pane-name', text: 'Thread' }), h('span', { class: 'pane-topic', text: channelById(channel)?.kind === 'channel' ? `#${channelName(channel)}` : channelName(channel) })),
      h('button', { type: 'button', class: 'close-button', 'aria-label': 'Close thread', 'data-testid': 'close-thread', onclick: closeThread }, '×'),
    ),
    stickyBody('thread-body'),
    composer.element,
  );
}

function renderThreadContent() {
  const body = document.getElementById('thread-body');
  if (state.thread === null || body === null) return;
  const { channel, ts } = state.thread;
  const messages = messagesIn(channel, ts);
  if (messages.length === 0) {
    body.replaceChildren(h('div', { class: 'empty-note', text: 'This thread is gone.' }));
    return;
  }
  renderMessageList(body, messages, { channel, threadTs: ts, inThread: true });
}

// ---- composer ----------------------------------------------------------------------------------

function composerFor(id, channel, threadTs) {
  const existing = composers.get(id);
  if (existing) return existing;
  const target = channelById(channel);
  const placeholder = threadTs !== null ? 'Reply… (mention @tesla to ask it)' : target?.kind === 'im' ? `Message ${target.name}` : `Message #${target?.name ?? ''} — try /tesla what did Musk say`;
  const input = h('textarea', { class: 'composer-input', rows: '1', placeholder, 'aria-label': placeholder, 'data-testid': threadTs === null ? 'composer' : 'thread-composer' });
  const suggestions = h('div', { class: 'suggestions', role: 'listbox', hidden: true });
  const send = h('button', { type: 'button', class: 'send-button', 'aria-label': 'Send', title: 'Send (Enter)', text: '➤' });
  let recall = -1;
  const element = h(
    'div',
    { class: 'composer' },
    suggestions,
    h('div', { class: 'composer-box' }, input, send),
    h('div', { class: 'composer-hint', text: 'Enter sends · Shift+Enter adds a line · ↑ brings back your last message' }),
  );

  const autosize = () => {
    input.style.height = 'auto';
    input.style.height = `${Math.min(input.scrollHeight, 200)}px`;
  };
  const updateSuggestions = () => {
    const text = input.value;
    const matching = text.startsWith('/') && !text.includes('\n') ? SUGGESTIONS.filter(([command]) => command.startsWith(text.trim()) || (text.trim().length <= 6 && command.startsWith('/tesla'))) : [];
    suggestions.hidden = matching.length === 0 || SUGGESTIONS.some(([command]) => command === text.trim());
    suggestions.replaceChildren(
      ...matching.map(([command, what]) =>
        h('button', { type: 'button', class: 'suggestion', role: 'option', onclick: () => { input.value = command.endsWith('say') ? '/tesla ' : command; updateSuggestions(); autosize(); input.focus(); } }, h('code', { text: command }), h('span', { text: what })),
      ),
    );
  };
  const submit = async () => {
    const text = input.value;
    if (text.trim() === '') return;
    input.value = '';
    autosize();
    updateSuggestions();
    recall = -1;
    remember(text.trim());
    const pane = element.closest('#main, #thread')?.querySelector('.pane-body');
    if (pane) pane.dataset.stick = 'true';
    try {
      const result = await post('send', { channel, text, threadTs });
      state.pending = state.pending.filter((p) => Date.now() - p.since < 8_000);
      const isCommand = text.trimStart().startsWith('/');
      const dm = target?.kind === 'im';
      if (isCommand && text.trimStart().toLowerCase().startsWith('/tesla')) state.pending.push({ channel, threadTs, at: result.at, since: Date.now() });
      else if (result.mentionsBot || dm) {
        const replyThread = threadTs ?? (dm ? null : result.ts);
        state.pending.push({ channel, threadTs: replyThread, at: result.at, since: Date.now() });
        if (!dm && threadTs === null && result.ts) openThread(channel, result.ts);
      }
      schedule();
      setTimeout(schedule, 8_100);
    } catch (error) {
      input.value = text;
      autosize();
      toast(`${error.message} Your message is still in the box.`);
    }
  };
  input.addEventListener('input', () => {
    autosize();
    updateSuggestions();
  });
  input.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      void submit();
      return;
    }
    const history = state.history;
    if (event.key === 'ArrowUp' && history.length > 0 && (input.value === '' || recall !== -1) && !input.value.slice(0, input.selectionStart).includes('\n')) {
      event.preventDefault();
      recall = recall === -1 ? history.length - 1 : Math.max(0, recall - 1);
      input.value = history[recall];
      autosize();
      updateSuggestions();
      return;
    }
    if (event.key === 'ArrowDown' && recall !== -1) {
      event.preventDefault();
      recall += 1;
      input.value = recall < history.length ? history[recall] : '';
      if (recall >= history.length) recall = -1;
      autosize();
      updateSuggestions();
      return;
    }
    if (event.key === 'Escape' && !suggestions.hidden) {
      suggestions.hidden = true;
      event.stopPropagation();
    }
  });
  send.addEventListener('click', () => void submit());
  const composer = { element, focus: () => setTimeout(() => input.focus(), 0) };
  composers.set(id, composer);
  return composer;
}

// ---- modals --------------------------------------------------------------------------------------

function renderModal() {
  const root = document.getElementById('modal-root');
  const view = state.modals.at(-1);
  const signature = view ? `${view.id}:${view.hash}` : '';
  if (signature === shownModal) return;
  shownModal = signature;
  if (!view) {
    root.replaceChildren();
    return;
  }
  const inputs = new Map();
  const body = h('div', { class: 'modal-body' }, renderBlocks(view.blocks, blockContext('modal', (action) => post('action', { viewId: view.id, blockId: action.blockId, actionId: action.actionId, option: action.option ?? null, values: collect(inputs) }).then(() => undefined, fail), { inputs })));
  const close = () => post('view/close', { viewId: view.id }).catch(fail);
  const submitButton = view.submit ? h('button', { type: 'button', class: 'bk-button bk-primary', 'data-testid': 'modal-submit' }, view.submit.text) : null;
  submitButton?.addEventListener('click', async () => {
    submitButton.disabled = true;
    try {
      const result = await post('view/submit', { viewId: view.id, values: collect(inputs) });
      showModalErrors(root, result.errors ?? {});
    } catch (error) {
      toast(error.message);
    } finally {
      submitButton.disabled = false;
    }
  });
  root.replaceChildren(
    h(
      'div',
      { class: 'modal-backdrop', onclick: (event) => event.target === event.currentTarget && close() },
      h(
        'div',
        { class: 'modal', role: 'dialog', 'aria-modal': 'true', 'aria-label': view.title?.text ?? 'Dialog', 'data-testid': 'modal' },
        h('header', { class: 'modal-header' }, h('span', { class: 'modal-title', text: view.title?.text ?? '' }), h('button', { type: 'button', class: 'close-button', 'aria-label': 'Close', onclick: close }, '×')),
        body,
        h('footer', { class: 'modal-footer' }, h('button', { type: 'button', class: 'bk-button', onclick: close }, view.close?.text ?? 'Cancel'), submitButton),
      ),
    ),
  );
  root.querySelector('input, select, textarea')?.focus();
}

function collect(inputs) {
  const values = {};
  for (const [blockId, read] of inputs) values[blockId] = read();
  return values;
}

function showModalErrors(root, errors) {
  root.querySelectorAll('.bk-error').forEach((node) => node.remove());
  root.querySelectorAll('.bk-input.has-error').forEach((node) => node.classList.remove('has-error'));
  for (const [blockId, message] of Object.entries(errors)) {
    const block = [...root.querySelectorAll('.bk-input')].find((node) => node.getAttribute('data-block-id') === blockId);
    if (!block) {
      toast(message);
      continue;
    }
    block.classList.add('has-error');
    block.append(h('div', { class: 'bk-error', role: 'alert', text: message }));
  }
}

// ---- digests, toasts, formatting -------------------------------------------------------------------

async function skipToDigest(channel) {
  try {
    const result = await post('digest/skip', { channel });
    toast(`Skipped ahead to ${formatDateTime(result.at)} (playground time). The scheduler runs #${channelName(channel)}’s digest now.`, 'info');
  } catch (error) {
    toast(error.message);
  }
}

function toast(message, kind = 'error') {
  const node = h('div', { class: `toast toast-${kind}`, role: kind === 'error' ? 'alert' : 'status', 'data-testid': `toast-${kind}`, text: message });
  document.getElementById('toasts').append(node);
  setTimeout(() => node.remove(), kind === 'error' ? 9_000 : 6_000);
}

function formatTime(ms) {
  return new Date(ms).toLocaleTimeString([], { hour: 'numeric', minute: '2-digit' });
}

function formatDateTime(ms) {
  return new Date(ms).toLocaleString([], { weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' });
}

function formatDuration(ms) {
  const hours = Math.floor(ms / 3_600_000);
  const minutes = Math.round((ms % 3_600_000) / 60_000);
  return hours > 0 ? `${hours} h ${minutes} min` : `${minutes} min`;
}

function dayLabel(ms) {
  const now = Date.now() + state.clock.offsetMs;
  const day = new Date(ms).toDateString();
  if (day === new Date(now).toDateString()) return 'Today';
  if (day === new Date(now - 86_400_000).toDateString()) return 'Yesterday';
  return new Date(ms).toLocaleDateString([], { weekday: 'long', month: 'long', day: 'numeric' });
}

// ---- start --------------------------------------------------------------------------------------

document.addEventListener('click', () => document.querySelectorAll('.bk-menu').forEach((menu) => (menu.hidden = true)));
document.addEventListener('keydown', (event) => {
  if (event.key !== 'Escape') return;
  document.querySelectorAll('.bk-menu').forEach((menu) => (menu.hidden = true));
  if (state.modals.length > 0) {
    const view = state.modals.at(-1);
    post('view/close', { viewId: view.id }).catch(() => undefined);
  } else if (state.thread !== null) {
    closeThread();
  }
});
window.addEventListener('unhandledrejection', (event) => {
  if (event.reason instanceof PlaygroundError) event.preventDefault();
});
connect();
