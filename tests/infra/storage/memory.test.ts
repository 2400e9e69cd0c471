/** The in-memory implementation passes the storage contract. */
import { MemoryState } from '../../../src/infra/storage/memory.js';
import { runStateStoreContract } from './stateStore.contract.js';

runStateStoreContract('in memory', (clock) => new MemoryState({ now: clock.now }));
