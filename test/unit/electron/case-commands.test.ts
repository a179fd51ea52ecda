import { describe, expect, it, vi } from 'vitest';
import type { ApiResult } from '../../../preload/contract/api.js';
import {
  createCaseCommands,
  observeCaseChanges,
  windowTitle,
  type CaseCommandDeps,
} from '../../../main/electron/case-commands.js';
import type { CaseDialogs } from '../../../main/electron/dialogs.js';
import type { RecentCases } from '../../../main/electron/recent-cases.js';
import { caseArgument } from '../../../main/electron/launch-args.js';

function setup(overrides: Partial<CaseCommandDeps> = {}, dialogAnswers: Partial<CaseDialogs> = {}) {
  const session = {
    path: null as string | null,
    open: vi.fn((path: string) => {
      session.path = path;
    }),
  };
  const dialogs: CaseDialogs = {
    chooseNewCasePath: vi.fn(async () => '/cases/new.cairn'),
    chooseCaseToOpen: vi.fn(async () => '/cases/old.cairn'),
    chooseExportPath: vi.fn(async () => '/exports/copy.cairn'),
    chooseEvidence: vi.fn(async () => null),
    showError: vi.fn(),
    ...dialogAnswers,
  };
  const recentList: string[] = [];
  const recent: RecentCases = {
    list: () => recentList,
    add: vi.fn((path: string) => {
      recentList.unshift(path);
      return recentList;
    }),
    remove: vi.fn(() => recentList),
    clear: vi.fn(),
  };
  const dispatch = vi.fn(async (): Promise<ApiResult<unknown>> => ({ ok: true, value: { jobId: 'job-1' } }));
  const deps: CaseCommandDeps = {
    session,
    host: { dispatch },
    dialogs,
    recent,
    exportCase: vi.fn(async () => undefined),
    fileExists: vi.fn(() => false),
    caseChanged: vi.fn(),
    recentChanged: vi.fn(),
    notify: vi.fn(),
    ...overrides,
  };
  return { commands: createCaseCommands(deps), deps, session, dialogs, recent, dispatch };
}

describe('case commands', () => {
  it('creates a new case and remembers it', async () => {
    const { commands, session, recent, deps } = setup();
    await commands.newCase();
    expect(session.open).toHaveBeenCalledWith('/cases/new.cairn', { create: true });
    expect(recent.add).toHaveBeenCalledWith('/cases/new.cairn');
    expect(deps.caseChanged).toHaveBeenCalled();
  });

  it('never overwrites an existing file with a new case', async () => {
    const { commands, session, dialogs } = setup({ fileExists: () => true });
    await commands.newCase();
    expect(session.open).not.toHaveBeenCalled();
    expect(dialogs.showError).toHaveBeenCalledWith('Cannot create the case', expect.stringContaining('already exists'));
  });

  it('does nothing when a dialog is dismissed', async () => {
    const { commands, session, deps } = setup({}, { chooseNewCasePath: async () => null, chooseCaseToOpen: async () => null });
    await commands.newCase();
    await commands.openCase();
    expect(session.open).not.toHaveBeenCalled();
    expect(deps.caseChanged).not.toHaveBeenCalled();
  });

  it('opens a case and reports failures in a dialog', async () => {
    const { commands, session, dialogs } = setup();
    await commands.openCase();
    expect(session.open).toHaveBeenCalledWith('/cases/old.cairn', { create: false });
    session.open.mockImplementationOnce(() => {
      throw new Error('case file schema v9 is newer than this Cairn (v1)');
    });
    await commands.openCase();
    expect(dialogs.showError).toHaveBeenCalledWith('Cannot open the case', 'case file schema v9 is newer than this Cairn (v1)');
  });

  it('forgets a recent case whose file is gone', async () => {
    const { commands, session, recent, deps } = setup({ fileExists: () => false });
    await commands.openCasePath('/cases/gone.cairn');
    expect(session.open).not.toHaveBeenCalled();
    expect(recent.remove).toHaveBeenCalledWith('/cases/gone.cairn');
    expect(deps.recentChanged).toHaveBeenCalled();
  });

  it('adds evidence through the API and tells the page about the import', async () => {
    const { commands, session, dispatch, deps } = setup();
    session.path = '/cases/open.cairn';
    await commands.addEvidence('folder');
    expect(dispatch).toHaveBeenCalledWith('evidence:add-dialog', { kind: 'folder' });
    expect(deps.notify).toHaveBeenCalledWith({ type: 'ingest-started', origin: 'menu', jobId: 'job-1' });
  });

  it('asks for a case before adding evidence or exporting', async () => {
    const { commands, dispatch, dialogs, deps } = setup();
    await commands.addEvidence('files');
    await commands.exportCopy();
    expect(dispatch).not.toHaveBeenCalled();
    expect(deps.exportCase).not.toHaveBeenCalled();
    expect(dialogs.showError).toHaveBeenCalledTimes(2);
  });

  it('reports a failed import', async () => {
    const error = { code: 'internal', message: 'disk full' } as const;
    const { commands, session, deps, dialogs } = setup({ host: { dispatch: async () => ({ ok: false, error }) } });
    session.path = '/cases/open.cairn';
    await commands.addEvidence('files');
    expect(deps.notify).toHaveBeenCalledWith({ type: 'ingest-failed', origin: 'menu', error });
    expect(dialogs.showError).toHaveBeenCalledWith('Cannot add evidence', 'disk full');
  });

  it('opens the demo through the API', async () => {
    const { commands, dispatch, deps } = setup();
    await commands.openDemo();
    expect(dispatch).toHaveBeenCalledWith('case:open-demo', {});
    expect(deps.caseChanged).toHaveBeenCalled();
  });

  it('exports a copy of the open case', async () => {
    const { commands, session, deps, dialogs } = setup();
    session.path = '/cases/open.cairn';
    await commands.exportCopy();
    expect(dialogs.chooseExportPath).toHaveBeenCalledWith(expect.stringMatching(/open-copy-\d{8}-\d{6}\.cairn$/));
    expect(deps.exportCase).toHaveBeenCalledWith('/cases/open.cairn', '/exports/copy.cairn');
  });
});

describe('observeCaseChanges', () => {
  it('reports calls that changed the open case', async () => {
    let path: string | null = null;
    const changed = vi.fn();
    const host = observeCaseChanges(
      {
        dispatch: async (channel) => {
          if (channel === 'case:open-demo') path = '/demo/demo.cairn';
          return { ok: true, value: null };
        },
      },
      () => path,
      changed,
    );
    await host.dispatch('case:info', {});
    expect(changed).not.toHaveBeenCalled();
    await host.dispatch('case:open-demo', {});
    expect(changed).toHaveBeenCalledTimes(1);
  });

  it('titles the window after the case', () => {
    expect(windowTitle(null)).toBe('Cairn');
    expect(windowTitle('/cases/breach.cairn')).toBe('breach.cairn — Cairn');
  });
});

describe('caseArgument', () => {
  it('takes the last .cairn argument, resolved against the launch folder', () => {
    expect(caseArgument(['/opt/Cairn/cairn', 'x.cairn', '/abs/y.CAIRN'], '/home/a')).toBe('/abs/y.CAIRN');
    expect(caseArgument(['/opt/Cairn/cairn', 'cases/x.cairn'], '/home/a')).toBe('/home/a/cases/x.cairn');
  });

  it('ignores the executable, switches and other files', () => {
    expect(caseArgument(['/opt/x.cairn'], '/')).toBeNull();
    expect(caseArgument(['electron', '.', '--inspect=x.cairn', 'notes.txt'], '/')).toBeNull();
  });
});
