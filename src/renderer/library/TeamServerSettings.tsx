// Settings → 素材库: which library this workspace uses (本机, or 连接团队服务器 with host, port, database,
// user, password, TLS and CA file), 测试连接 with the server's answer in plain Chinese, and the switch.
// The password goes to the services only; where it is kept is said next to the field.
import { useEffect, useState } from 'react';
import { ApiError } from '../../contract/define';
import type { LibraryBackendStatus, TeamServerSettings } from '../../contract/teamServer';
import { reuseStore } from '../reuse/store';
import { useWorkbench } from '../workbench/context';
import './teamServer.css';

const ROLE = { admin: '管理员', writer: '撰稿人', none: '未分配角色' } as const;

function describe(st: LibraryBackendStatus): string {
  if (st.backend === 'local') return '本机素材库（在工作区文件夹中）';
  const s = st.server!;
  const where = `${s.user}@${s.host}:${s.port}/${s.database}`;
  if (st.connected) return `团队服务器 ${where}（已连接${st.role ? `，${ROLE[st.role]}` : ''}）`;
  return `团队服务器 ${where}（未连接${st.problem ? `：${st.problem}` : ''}）`;
}

export function TeamServerSettingsSection() {
  const { api, notify } = useWorkbench();
  const [status, setStatus] = useState<LibraryBackendStatus | null>(null);
  const [open, setOpen] = useState(false);
  const [host, setHost] = useState('');
  const [port, setPort] = useState('5432');
  const [database, setDatabase] = useState('speechdraft');
  const [user, setUser] = useState('');
  const [password, setPassword] = useState('');
  const [tls, setTls] = useState(false);
  const [caFile, setCaFile] = useState('');
  const [result, setResult] = useState<{ ok: boolean; message: string } | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    let live = true;
    api['library.backend']({})
      .then((st) => {
        if (!live) return;
        setStatus(st);
        if (st.server) {
          setHost(st.server.host);
          setPort(String(st.server.port));
          setDatabase(st.server.database);
          setUser(st.server.user);
          setTls(st.server.tls);
          setCaFile(st.server.caFile ?? '');
        }
        if (st.backend === 'team' && !st.connected) setOpen(true);
      })
      .catch((err: unknown) => live && setResult({ ok: false, message: ApiError.from(err).message }));
    return () => {
      live = false;
    };
  }, [api]);

  const portN = Number(port);
  const server = (): TeamServerSettings => ({ host: host.trim(), port: portN, database: database.trim(), user: user.trim(), tls, ...(tls && caFile.trim() ? { caFile: caFile.trim() } : {}) });
  const valid = host.trim() !== '' && user.trim() !== '' && database.trim() !== '' && Number.isInteger(portN) && portN >= 1 && portN <= 65535;
  // an empty field: the password kept for these settings (if any) is used
  const pw = () => (password !== '' ? { password } : {});

  const run = async (what: 'test' | 'connect' | 'local') => {
    setBusy(true);
    setResult(null);
    try {
      if (what === 'test') {
        const r = await api['library.testServer']({ server: server(), ...pw() });
        setResult({ ok: true, message: r.message });
      } else if (what === 'connect') {
        const st = await api['library.setBackend']({ backend: 'team', server: server(), ...pw() });
        setStatus(st);
        setPassword('');
        setResult({ ok: true, message: '已改用团队服务器上的素材库：导入、查重、搜索和打开来源都使用团队素材库' });
        notify('素材库已切换到团队服务器', 'success');
        reuseStore.requestCheck(); // the open draft is checked against the library now in use
      } else {
        setStatus(await api['library.setBackend']({ backend: 'local' }));
        setResult({ ok: true, message: '已改用本机素材库' });
        notify('素材库已切换到本机', 'success');
        reuseStore.requestCheck();
      }
    } catch (err) {
      setResult({ ok: false, message: ApiError.from(err).message });
    } finally {
      setBusy(false);
    }
  };

  const keepNote =
    status?.passwordKeeping === 'safeStorage'
      ? '密码经系统密钥库加密后保存在本机的应用数据中，不写入工作区设置。'
      : '浏览器模式：密码只保存在本次运行的桥接进程内存中，不写入任何文件；重新启动后需再次输入。';

  return (
    <fieldset className="team-settings" data-testid="library-backend">
      <legend>素材库</legend>
      <div data-testid="library-backend-status">当前：{status ? describe(status) : '…'}</div>
      <div className="team-actions">
        {!open && (
          <button className="btn btn-sm" data-testid="team-open" onClick={() => setOpen(true)}>
            连接团队服务器…
          </button>
        )}
        {status?.backend === 'team' && (
          <button className="btn btn-sm" data-testid="team-use-local" disabled={busy} onClick={() => void run('local')}>
            改用本机素材库
          </button>
        )}
      </div>
      {open && (
        <div className="team-form">
          <label className="field">
            <span>服务器地址</span>
            <input data-testid="team-host" value={host} maxLength={253} placeholder="例如 10.1.2.3 或 db.office.local" onChange={(e) => setHost(e.target.value)} />
          </label>
          <label className="field">
            <span>端口</span>
            <input data-testid="team-port" type="number" min={1} max={65535} value={port} onChange={(e) => setPort(e.target.value)} />
          </label>
          <label className="field">
            <span>数据库</span>
            <input data-testid="team-database" value={database} maxLength={63} onChange={(e) => setDatabase(e.target.value)} />
          </label>
          <label className="field">
            <span>用户名</span>
            <input data-testid="team-user" value={user} maxLength={63} autoComplete="username" onChange={(e) => setUser(e.target.value)} />
          </label>
          <label className="field">
            <span>密码{status?.hasPassword ? '（已保存；留空则使用已保存的密码）' : ''}</span>
            <input data-testid="team-password" type="password" value={password} maxLength={1000} autoComplete="current-password" onChange={(e) => setPassword(e.target.value)} />
          </label>
          <div className="team-note">{keepNote}</div>
          <label className="team-check">
            <input data-testid="team-tls" type="checkbox" checked={tls} onChange={(e) => setTls(e.target.checked)} /> 使用加密连接 (TLS)，并验证服务器证书
          </label>
          {tls && (
            <label className="field">
              <span>CA 证书文件（可选，PEM 格式；留空则使用系统证书）</span>
              <input data-testid="team-ca" value={caFile} maxLength={1000} placeholder="/path/to/ca.pem" onChange={(e) => setCaFile(e.target.value)} />
            </label>
          )}
          {!valid && <div className="field-error">请填写服务器地址、用户名和数据库，端口应在 1–65535 之间</div>}
          <div className="team-actions">
            <button className="btn btn-sm" data-testid="team-test" disabled={busy || !valid} onClick={() => void run('test')}>
              测试连接
            </button>
            <button className="btn btn-sm btn-primary" data-testid="team-connect" disabled={busy || !valid} onClick={() => void run('connect')}>
              连接并使用团队素材库
            </button>
          </div>
        </div>
      )}
      {result && (
        <div className={result.ok ? 'team-result team-ok' : 'team-result field-error'} data-testid="team-result" role="status">
          {result.message}
        </div>
      )}
    </fieldset>
  );
}
