/** @module `/`: ingest health, per-segment activity and scores, and the most anomalous hosts. */
import { useState } from 'react';
import { Panel } from '../components/Panel.js';
import { KpiTiles } from '../features/kpis/KpiTiles.js';
import { RangePicker } from '../features/segment-series/RangePicker.js';
import { SegmentChart } from '../features/segment-series/SegmentChart.js';
import { SegmentStrip } from '../features/segment-strip/SegmentStrip.js';
import { TopHostsTable } from '../features/top-hosts/TopHostsTable.js';
import { useConnection } from '../hooks/useLive.js';
import { formatAge } from '../lib/format.js';

export default function Overview() {
  const [rangeMs, setRangeMs] = useState(300_000);
  const conn = useConnection();
  const live = conn.status === 'live';
  const notLive = `NOT LIVE${conn.ageMs === null ? '' : ` · ${formatAge(conn.ageMs)} old`}`;
  return (
    <main className="page overview" id="main">
      <h1 className="visually-hidden">Overview</h1>
      <Panel title="Ingest" live={live} notLiveText={notLive}>
        <KpiTiles />
      </Panel>
      <Panel title="Segments" live={live} notLiveText={notLive}>
        <SegmentStrip />
      </Panel>
      <div className="grid2">
        <Panel
          title="Events per second by segment"
          live={live}
          notLiveText={notLive}
          actions={<RangePicker value={rangeMs} onChange={setRangeMs} />}
        >
          <SegmentChart metric="events" rangeMs={rangeMs} label="Events per second, one line per segment" />
        </Panel>
        <Panel title="Anomaly score by segment" live={live} notLiveText={notLive}>
          <SegmentChart metric="score" rangeMs={rangeMs} label="Anomaly score 0 to 100, alert threshold 60" />
        </Panel>
      </div>
      <Panel title="Top anomalous hosts" live={live} notLiveText={notLive}>
        <TopHostsTable />
      </Panel>
    </main>
  );
}
