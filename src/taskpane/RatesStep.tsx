/** 2 写入到位率: formulas or values, whether the user's own cells may be overwritten, the button. */
import * as React from "react";
import { Button, Checkbox, Field, Radio, RadioGroup } from "@fluentui/react-components";
import type { WriteMode } from "../core";
import type { Strings } from "./i18n";
import type { Mark, PaneState } from "./state";
import { Step, useStyles } from "./ui";
import type { PaneOps } from "./usePane";

export function RatesStep({ s, t, mark, ops }: { s: PaneState; t: Strings; mark?: Mark; ops: PaneOps }): React.ReactElement {
  const ui = useStyles();
  return (
    <Step id="step2" title={t.step2} mark={mark} t={t}>
      <Field label={t.mode} hint={t.modeHint}>
        <RadioGroup value={s.mode} onChange={(_e, d) => ops.dispatch({ type: "mode", mode: d.value as WriteMode })} layout="horizontal">
          <Radio value="formulas" label={t.formulasShort} />
          <Radio value="values" label={t.values} />
        </RadioGroup>
      </Field>
      <Checkbox label={t.overwrite} checked={s.overwrite} onChange={(_e, d) => ops.dispatch({ type: "overwrite", on: !!d.checked })} />
      <div className={ui.row}>
        <Button appearance="primary" onClick={() => void ops.run("writeRates")} disabled={s.busy !== null || !s.table}>
          {t.writeRates}
        </Button>
      </div>
    </Step>
  );
}
