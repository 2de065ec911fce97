import { useState } from 'react';
import { ApiError } from '../../contract/define';
import { useShell, useWorkbench } from '../workbench/context';
import { Dialog, DialogButtons, useBusyTask } from './ModalHost';
import { TeamServerSettingsSection } from '../library/TeamServerSettings';

export function PromptDialog(props: { title: string; label: string; initial: string; okLabel?: string; onOk(value: string): Promise<void> | void }) {
  const { closeModal } = useWorkbench();
  const [value, setValue] = useState(props.initial);
  const [busy, runTask] = useBusyTask();
  const submit = async () => {
    if (!value.trim()) return;
    await runTask(async () => {
      await props.onOk(value.trim());
      closeModal();
    });
  };
  return (
    <Dialog
      title={props.title}
      footer={<DialogButtons ok={{ label: props.okLabel ?? '确定', disabled: busy || !value.trim(), onClick: () => void submit() }} />}
    >
      <label className="field">
        <span>{props.label}</span>
        <input
          autoFocus
          value={value}
          maxLength={200}
          onChange={(e) => setValue(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && !e.nativeEvent.isComposing) void submit();
          }}
        />
      </label>
    </Dialog>
  );
}

export function ConfirmDialog(props: { title: string; message: string; okLabel: string; danger?: boolean; onOk(): Promise<void> | void }) {
  const { closeModal } = useWorkbench();
  const [busy, runTask] = useBusyTask();
  return (
    <Dialog
      title={props.title}
      footer={
        <DialogButtons
          ok={{
            label: props.okLabel,
            danger: props.danger,
            disabled: busy,
            autoFocus: true,
            onClick: () =>
              void runTask(async () => {
                await props.onOk();
                closeModal();
              }),
          }}
        />
      }
    >
      <p>{props.message}</p>
    </Dialog>
  );
}

export function SettingsDialog() {
  const { api, settings, closeModal, notify } = useWorkbench();
  const { setSettings } = useShell();
  const [cpm, setCpm] = useState(String(settings.charsPerMinute));
  const n = Number(cpm);
  const valid = Number.isFinite(n) && n >= 60 && n <= 600;
  return (
    <Dialog
      title="设置"
      footer={
        <DialogButtons
          ok={{
            label: '保存',
            disabled: !valid,
            onClick: async () => {
              try {
                setSettings(await api['settings.set']({ patch: { charsPerMinute: Math.round(n) } }));
                notify('设置已保存', 'success');
                closeModal();
              } catch (err) {
                notify(ApiError.from(err).message, 'error');
              }
            },
          }}
        />
      }
    >
      <label className="field">
        <span>讲话语速（字/分钟，用于估算预计时长）</span>
        <input data-testid="cpm" type="number" min={60} max={600} value={cpm} onChange={(e) => setCpm(e.target.value)} />
      </label>
      {!valid && <div className="field-error">请输入 60 到 600 之间的数字</div>}
      <TeamServerSettingsSection />
    </Dialog>
  );
}
