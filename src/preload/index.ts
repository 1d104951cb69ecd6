import { contextBridge, ipcRenderer } from 'electron';
import { contract } from '../shared/contract';
import { createBridge } from './bridge';

// Sandboxed preload (one CommonJS file): expose the typed bridge and nothing else.
contextBridge.exposeInMainWorld('markket', createBridge(ipcRenderer, Object.keys(contract)));
