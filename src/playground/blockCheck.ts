/**
 * The checks Slack makes on Block Kit before it accepts a message or a view, for the limits this
 * app could plausibly break: block and element counts, text lengths, button values, duplicate
 * ids. A message Slack would refuse with `invalid_blocks` is refused here the same way, so the
 * playground cannot show something a real workspace would not.
 *
 * Errors read like Slack's: `must be less than 3001 characters [json-pointer:/blocks/3/text/text]`.
 */

export type BlockSurface = 'message' | 'home' | 'modal';

const MAX_BLOCKS: Record<BlockSurface, number> = { message: 50, home: 100, modal: 100 };

/** Problems with `blocks`, in Slack's words; empty when Slack would accept them. */
export function checkBlocks(blocks: unknown, surface: BlockSurface): string[] {
  const problems: string[] = [];
  if (!Array.isArray(blocks)) return ['must be an array [json-pointer:/blocks]'];
  if (blocks.length > MAX_BLOCKS[surface]) problems.push(`no more than ${MAX_BLOCKS[surface]} items allowed [json-pointer:/blocks]`);
  const blockIds = new Set<string>();
  // Slack wants action ids unique within a block (not across blocks).
  blocks.forEach((block, index) => checkBlock(block, `/blocks/${index}`, surface, problems, blockIds, new Set<string>()));
  return problems;
}

function checkBlock(block: unknown, at: string, surface: BlockSurface, problems: string[], blockIds: Set<string>, actionIds: Set<string>): void {
  if (!isRecord(block) || typeof block['type'] !== 'string') {
    problems.push(`missing required field: type [json-pointer:${at}]`);
    return;
  }
  const blockId = block['block_id'];
  if (typeof blockId === 'string') {
    if (blockIds.has(blockId)) problems.push(`duplicate block_id "${blockId}" [json-pointer:${at}/block_id]`);
    blockIds.add(blockId);
    maxLength(blockId, 255, `${at}/block_id`, problems);
  }
  const elementAt = (element: unknown, path: string) => checkElement(element, path, problems, actionIds);
  switch (block['type']) {
    case 'section': {
      const fields = block['fields'];
      if (block['text'] === undefined && fields === undefined) problems.push(`must provide either text or fields [json-pointer:${at}]`);
      if (block['text'] !== undefined) checkText(block['text'], 3000, `${at}/text`, problems);
      if (Array.isArray(fields)) {
        if (fields.length > 10) problems.push(`no more than 10 items allowed [json-pointer:${at}/fields]`);
        fields.forEach((field, i) => checkText(field, 2000, `${at}/fields/${i}`, problems));
      }
      if (block['accessory'] !== undefined) elementAt(block['accessory'], `${at}/accessory`);
      return;
    }
    case 'header':
      checkText(block['text'], 150, `${at}/text`, problems, 'plain_text');
      return;
    case 'context': {
      const elements = block['elements'];
      if (!Array.isArray(elements) || elements.length === 0) problems.push(`must have at least 1 item [json-pointer:${at}/elements]`);
      else if (elements.length > 10) problems.push(`no more than 10 items allowed [json-pointer:${at}/elements]`);
      else elements.forEach((element, i) => isRecord(element) && element['type'] !== 'image' && checkText(element, 3000, `${at}/elements/${i}`, problems));
      return;
    }
    case 'actions': {
      const elements = block['elements'];
      if (!Array.isArray(elements) || elements.length === 0) problems.push(`must have at least 1 item [json-pointer:${at}/elements]`);
      else if (elements.length > 25) problems.push(`no more than 25 items allowed [json-pointer:${at}/elements]`);
      else elements.forEach((element, i) => elementAt(element, `${at}/elements/${i}`));
      return;
    }
    case 'input':
      if (surface === 'message') problems.push(`input blocks are only allowed in views [json-pointer:${at}]`);
      checkText(block['label'], 2000, `${at}/label`, problems, 'plain_text');
      elementAt(block['element'], `${at}/element`);
      return;
    case 'divider':
    case 'image':
    case 'rich_text':
    case 'video':
    case 'file':
      return;
    default:
      problems.push(`unsupported type "${String(block['type'])}" [json-pointer:${at}/type]`);
  }
}

function checkElement(element: unknown, at: string, problems: string[], actionIds: Set<string>): void {
  if (!isRecord(element) || typeof element['type'] !== 'string') {
    problems.push(`missing required field: type [json-pointer:${at}]`);
    return;
  }
  const actionId = element['action_id'];
  if (typeof actionId === 'string') {
    if (actionIds.has(actionId)) problems.push(`duplicate action_id "${actionId}" [json-pointer:${at}/action_id]`);
    actionIds.add(actionId);
    maxLength(actionId, 255, `${at}/action_id`, problems);
  }
  if (element['type'] === 'button') {
    checkText(element['text'], 75, `${at}/text`, problems, 'plain_text');
    if (element['value'] !== undefined) maxLength(element['value'], 2000, `${at}/value`, problems);
    if (element['url'] !== undefined) maxLength(element['url'], 3000, `${at}/url`, problems);
  }
  if (element['type'] === 'overflow' || element['type'] === 'static_select' || element['type'] === 'checkboxes' || element['type'] === 'radio_buttons') {
    const options = element['options'];
    const most = element['type'] === 'overflow' ? 5 : element['type'] === 'static_select' ? 100 : 10;
    if (!Array.isArray(options) || options.length === 0) problems.push(`must have at least 1 item [json-pointer:${at}/options]`);
    else if (options.length > most) problems.push(`no more than ${most} items allowed [json-pointer:${at}/options]`);
    else
      options.forEach((option, i) => {
        if (!isRecord(option)) return;
        checkText(option['text'], element['type'] === 'checkboxes' || element['type'] === 'radio_buttons' ? 150 : 75, `${at}/options/${i}/text`, problems);
        maxLength(option['value'], 150, `${at}/options/${i}/value`, problems);
      });
  }
}

function checkText(text: unknown, most: number, at: string, problems: string[], type?: 'plain_text'): void {
  if (!isRecord(text) || typeof text['text'] !== 'string') {
    problems.push(`must be a text object [json-pointer:${at}]`);
    return;
  }
  if (type !== undefined && text['type'] !== type) problems.push(`must be a ${type} text object [json-pointer:${at}/type]`);
  if (text['text'].length === 0) problems.push(`must be more than 0 characters [json-pointer:${at}/text]`);
  maxLength(text['text'], most, `${at}/text`, problems);
}

function maxLength(value: unknown, most: number, at: string, problems: string[]): void {
  if (typeof value !== 'string') {
    problems.push(`must be a string [json-pointer:${at}]`);
    return;
  }
  if (value.length > most) problems.push(`must be less than ${most + 1} characters [json-pointer:${at}]`);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
