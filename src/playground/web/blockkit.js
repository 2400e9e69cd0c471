// Block Kit → DOM, close enough to Slack's own rendering to judge a message by: section (text,
// fields, accessory), context, header, divider, actions (buttons, overflow menus, selects), image,
// rich_text (sections, quotes, lists, preformatted), and a modal's inputs. Text only ever enters
// the page through textContent. A block type this file does not know is shown as such, so nothing
// the app sends goes missing silently.
import { parseMrkdwn, plainTextWithEmoji } from './mrkdwn.js';
import { EMOJI } from './emoji.js';

/**
 * @typedef {object} RenderContext
 * @property {(id: string) => string} userName
 * @property {(id: string) => string} channelName
 * @property {(id: string) => void} [openChannel]
 * @property {(action: {blockId: string, actionId: string, option?: string, element: object}) => Promise<void>} onAction
 * @property {'message'|'home'|'modal'} surface
 * @property {Array<{id: string, name: string}>} [channels]   for conversation pickers
 * @property {Map<string, () => (string|string[]|null)>} [inputs]   filled with each input's value getter
 * @property {Record<string, string>} [errors]   per input block, from the app's response_action: errors
 */

export function h(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attributes)) {
    if (value === undefined || value === null || value === false) continue;
    if (key === 'class') node.className = value;
    else if (key === 'text') node.textContent = value;
    else if (key.startsWith('on')) node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, value === true ? '' : String(value));
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    node.append(typeof child === 'string' ? document.createTextNode(child) : child);
  }
  return node;
}

/** mrkdwn text → DOM. */
export function renderMrkdwn(text, ctx) {
  const fragment = document.createDocumentFragment();
  appendNodes(fragment, parseMrkdwn(text), ctx);
  return fragment;
}

function appendNodes(parent, nodes, ctx) {
  for (const node of nodes) parent.append(renderNode(node, ctx));
}

function renderNode(node, ctx) {
  switch (node.type) {
    case 'text':
      return document.createTextNode(node.text);
    case 'br':
      return h('br');
    case 'bold':
      return withChildren(h('b'), node.children, ctx);
    case 'italic':
      return withChildren(h('i'), node.children, ctx);
    case 'strike':
      return withChildren(h('s'), node.children, ctx);
    case 'quote':
      return withChildren(h('blockquote', { class: 'mk-quote' }), node.children, ctx);
    case 'code':
      return h('code', { class: 'mk-code', text: node.text });
    case 'pre':
      return h('pre', { class: 'mk-pre', text: node.text });
    case 'emoji':
      return h('span', { class: 'emoji', title: `:${node.name}:`, text: node.text });
    case 'user':
      return h('span', { class: 'mention', 'data-user': node.id, text: `@${node.label ?? ctx.userName(node.id)}` });
    case 'channel':
      return h('a', {
        class: 'mention channel-link',
        href: '#',
        text: `#${node.label ?? ctx.channelName(node.id)}`,
        onclick: (event) => {
          event.preventDefault();
          ctx.openChannel?.(node.id);
        },
      });
    case 'broadcast':
      return h('span', { class: 'mention broadcast', text: `@${node.name}` });
    case 'link':
      return h('a', { href: node.url, target: '_blank', rel: 'noopener noreferrer', text: node.label });
    default:
      return document.createTextNode('');
  }
}

function withChildren(element, children, ctx) {
  appendNodes(element, children, ctx);
  return element;
}

/** A text object (`mrkdwn` or `plain_text`). */
export function renderText(textObject, ctx, className = '') {
  const span = h('span', { class: `bk-text ${className}`.trim() });
  if (textObject === undefined || textObject === null) return span;
  if (textObject.type === 'mrkdwn') span.append(renderMrkdwn(String(textObject.text ?? ''), ctx));
  else span.textContent = plainTextWithEmoji(String(textObject.text ?? ''), textObject.emoji);
  return span;
}

/** Blocks → a container element. */
export function renderBlocks(blocks, ctx) {
  const container = h('div', { class: `bk-blocks bk-${ctx.surface}` });
  for (const block of blocks ?? []) container.append(renderBlock(block, ctx));
  return container;
}

function renderBlock(block, ctx) {
  const wrap = (className, ...children) => h('div', { class: `bk-block ${className}`, 'data-block-id': block.block_id, 'data-block-type': block.type }, ...children);
  switch (block.type) {
    case 'section': {
      const body = h('div', { class: 'bk-section-body' });
      if (block.text) body.append(h('div', { class: 'bk-section-text' }, renderText(block.text, ctx)));
      if (Array.isArray(block.fields)) {
        body.append(h('div', { class: 'bk-fields' }, block.fields.map((field) => h('div', { class: 'bk-field' }, renderText(field, ctx)))));
      }
      const accessory = block.accessory ? h('div', { class: 'bk-accessory' }, renderElement(block.accessory, block, ctx)) : null;
      return wrap('bk-section', body, accessory);
    }
    case 'context':
      return wrap(
        'bk-context',
        (block.elements ?? []).map((element) =>
          element.type === 'image' ? h('img', { class: 'bk-context-image', src: safeUrl(element.image_url), alt: element.alt_text ?? '' }) : renderText(element, ctx),
        ),
      );
    case 'header':
      return wrap('bk-header', renderText(block.text, ctx));
    case 'divider':
      return wrap('bk-divider', h('hr'));
    case 'actions':
      return wrap('bk-actions', (block.elements ?? []).map((element) => renderElement(element, block, ctx)));
    case 'image':
      return wrap(
        'bk-image',
        block.title ? h('div', { class: 'bk-image-title' }, renderText(block.title, ctx)) : null,
        h('img', { src: safeUrl(block.image_url), alt: block.alt_text ?? '' }),
      );
    case 'rich_text':
      return wrap('bk-rich-text', (block.elements ?? []).map((element) => renderRichElement(element, ctx)));
    case 'input':
      return renderInput(block, ctx);
    default:
      return wrap('bk-unsupported', `This playground does not draw “${block.type}” blocks yet.`);
  }
}

// ---- interactive elements ----------------------------------------------------------------------

function renderElement(element, block, ctx) {
  const fire = async (trigger, option) => {
    trigger.classList.add('busy');
    trigger.removeAttribute('data-error');
    try {
      await ctx.onAction({ blockId: block.block_id, actionId: element.action_id, option, element });
    } catch (error) {
      trigger.setAttribute('data-error', error instanceof Error ? error.message : String(error));
      trigger.title = trigger.getAttribute('data-error');
    } finally {
      trigger.classList.remove('busy');
    }
  };
  switch (element.type) {
    case 'button': {
      const button = h('button', {
        type: 'button',
        class: `bk-button${element.style ? ` bk-${element.style}` : ''}`,
        'data-action-id': element.action_id,
        'aria-label': element.accessibility_label,
        onclick: () => {
          if (element.url) window.open(safeUrl(element.url), '_blank', 'noopener');
          void fire(button);
        },
      });
      button.append(renderText(element.text, ctx));
      return button;
    }
    case 'overflow':
      return renderOverflow(element, (value, trigger) => fire(trigger, value));
    case 'static_select': {
      const select = h('select', { class: 'bk-select', 'data-action-id': element.action_id });
      select.append(h('option', { value: '', text: plainTextWithEmoji(element.placeholder?.text ?? 'Select an item') }));
      for (const option of allOptions(element)) select.append(h('option', { value: option.value, text: plainTextWithEmoji(option.text?.text ?? option.value) }));
      select.addEventListener('change', () => select.value !== '' && void fire(select, select.value));
      return select;
    }
    case 'image':
      return h('img', { class: 'bk-accessory-image', src: safeUrl(element.image_url), alt: element.alt_text ?? '' });
    default:
      return h('span', { class: 'bk-unsupported', text: `[${element.type}]` });
  }
}

/** The "⋯" menu: a list of options; choosing one fires the action with its value. */
function renderOverflow(element, choose) {
  const holder = h('span', { class: 'bk-overflow' });
  const trigger = h('button', { type: 'button', class: 'bk-button bk-overflow-button', 'aria-label': 'More actions', 'aria-haspopup': 'menu', 'data-action-id': element.action_id, text: '⋯' });
  const menu = h('div', { class: 'bk-menu', role: 'menu', hidden: true });
  for (const option of element.options ?? []) {
    menu.append(
      h('button', {
        type: 'button',
        role: 'menuitem',
        class: 'bk-menu-item',
        'data-value': option.value,
        text: plainTextWithEmoji(option.text?.text ?? option.value),
        onclick: (event) => {
          event.stopPropagation();
          menu.hidden = true;
          void choose(option.value, trigger);
        },
      }),
    );
  }
  trigger.addEventListener('click', (event) => {
    event.stopPropagation();
    const open = menu.hidden;
    document.querySelectorAll('.bk-menu').forEach((other) => (other.hidden = true));
    menu.hidden = !open;
  });
  holder.append(trigger, menu);
  return holder;
}

function allOptions(element) {
  return [...(element.options ?? []), ...(element.option_groups ?? []).flatMap((group) => group.options ?? [])];
}

// ---- modal inputs -----------------------------------------------------------------------------

function renderInput(block, ctx) {
  const element = block.element ?? {};
  const id = `input-${block.block_id}`;
  const label = h('label', { class: 'bk-input-label', for: id }, renderText(block.label, ctx), block.optional ? h('span', { class: 'bk-optional', text: ' (optional)' }) : null);
  let control;
  let read;
  switch (element.type) {
    case 'plain_text_input':
    case 'email_text_input':
    case 'url_text_input':
    case 'number_input': {
      const tag = element.multiline ? 'textarea' : 'input';
      control = h(tag, { id, class: 'bk-field-input', placeholder: element.placeholder?.text, maxlength: element.max_length });
      control.value = element.initial_value ?? '';
      read = () => control.value;
      break;
    }
    case 'timepicker':
      control = h('input', { id, type: 'time', class: 'bk-field-input' });
      control.value = element.initial_time ?? '';
      read = () => control.value;
      break;
    case 'datepicker':
      control = h('input', { id, type: 'date', class: 'bk-field-input' });
      control.value = element.initial_date ?? '';
      read = () => control.value;
      break;
    case 'conversations_select':
    case 'channels_select': {
      control = h('select', { id, class: 'bk-field-input' });
      control.append(h('option', { value: '', text: element.placeholder?.text ?? 'Select a channel' }));
      for (const channel of ctx.channels ?? []) control.append(h('option', { value: channel.id, text: channel.kind === 'im' ? `@${channel.name} (DM)` : `#${channel.name}` }));
      control.value = element.initial_conversation ?? element.initial_channel ?? '';
      read = () => control.value;
      break;
    }
    case 'static_select':
    case 'radio_buttons': {
      control = h('select', { id, class: 'bk-field-input' });
      control.append(h('option', { value: '', text: element.placeholder?.text ?? 'Select an item' }));
      for (const option of allOptions(element)) control.append(h('option', { value: option.value, text: plainTextWithEmoji(option.text?.text ?? option.value) }));
      control.value = element.initial_option?.value ?? '';
      read = () => control.value;
      break;
    }
    case 'checkboxes': {
      const initial = new Set((element.initial_options ?? []).map((option) => option.value));
      const boxes = (element.options ?? []).map((option) => {
        const box = h('input', { type: 'checkbox', value: option.value });
        box.checked = initial.has(option.value);
        return { box, option };
      });
      control = h('div', { id, class: 'bk-checkboxes' }, boxes.map(({ box, option }) => h('label', { class: 'bk-checkbox' }, box, renderText(option.text, ctx))));
      read = () => boxes.filter(({ box }) => box.checked).map(({ option }) => option.value);
      break;
    }
    default:
      control = h('div', { class: 'bk-unsupported', text: `[${element.type} input]` });
      read = () => null;
  }
  ctx.inputs?.set(block.block_id, read);
  const error = ctx.errors?.[block.block_id];
  return h(
    'div',
    { class: `bk-block bk-input${error ? ' has-error' : ''}`, 'data-block-id': block.block_id, 'data-block-type': 'input' },
    label,
    control,
    block.hint ? h('div', { class: 'bk-hint' }, renderText(block.hint, ctx)) : null,
    error ? h('div', { class: 'bk-error', role: 'alert', text: error }) : null,
  );
}

// ---- rich text ----------------------------------------------------------------------------------

function renderRichElement(element, ctx) {
  switch (element.type) {
    case 'rich_text_section':
      return h('div', { class: 'rt-section' }, (element.elements ?? []).map((inline) => renderRichInline(inline, ctx)));
    case 'rich_text_quote':
      return h('blockquote', { class: 'mk-quote' }, (element.elements ?? []).map((inline) => renderRichInline(inline, ctx)));
    case 'rich_text_preformatted':
      return h('pre', { class: 'mk-pre' }, (element.elements ?? []).map((inline) => renderRichInline(inline, ctx)));
    case 'rich_text_list': {
      const list = h(element.style === 'ordered' ? 'ol' : 'ul', { class: `rt-list rt-indent-${element.indent ?? 0}` });
      for (const item of element.elements ?? []) list.append(h('li', {}, renderRichElement(item, ctx)));
      return list;
    }
    default:
      return h('span', { class: 'bk-unsupported', text: `[${element.type}]` });
  }
}

function renderRichInline(inline, ctx) {
  let node;
  switch (inline.type) {
    case 'text':
      node = document.createTextNode(inline.text ?? '');
      break;
    case 'link':
      node = h('a', { href: safeUrl(inline.url), target: '_blank', rel: 'noopener noreferrer', text: inline.text ?? inline.url });
      break;
    case 'emoji':
      node = h('span', { class: 'emoji', text: EMOJI[inline.name] ?? `:${inline.name}:` });
      break;
    case 'user':
      node = h('span', { class: 'mention', text: `@${ctx.userName(inline.user_id)}` });
      break;
    case 'channel':
      node = h('span', { class: 'mention', text: `#${ctx.channelName(inline.channel_id)}` });
      break;
    case 'broadcast':
      node = h('span', { class: 'mention broadcast', text: `@${inline.range}` });
      break;
    default:
      node = document.createTextNode('');
  }
  const style = inline.style ?? {};
  if (style.code) node = h('code', { class: 'mk-code' }, node);
  if (style.bold) node = h('b', {}, node);
  if (style.italic) node = h('i', {}, node);
  if (style.strike) node = h('s', {}, node);
  return node;
}

/** Links and images only ever point at http(s) (or mailto for links). */
export function safeUrl(url) {
  return typeof url === 'string' && /^(https?:\/\/|mailto:)/i.test(url) ? url : '#';
}
