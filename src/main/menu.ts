import { Menu, type MenuItemConstructorOptions, app, clipboard, shell } from 'electron';

export interface MenuActions {
  dsn(): string;
  dataDir: string;
}

/** A small menu: copy the default DSN, open the data folder, quit; plus the usual edit keys. */
export function installMenu({ dsn, dataDir }: MenuActions) {
  const template: MenuItemConstructorOptions[] = [
    {
      label: 'Outpost',
      submenu: [
        {
          label: 'Copy DSN',
          accelerator: 'CmdOrCtrl+Shift+C',
          click: () => clipboard.writeText(dsn()),
        },
        { label: 'Open Data Folder', click: () => void shell.openPath(dataDir) },
        { type: 'separator' },
        { role: 'quit' },
      ],
    },
    { role: 'editMenu' },
    { role: 'viewMenu' },
  ];
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
  app.setAboutPanelOptions({ applicationName: 'Outpost' });
}
