/**
 * @module `/wall?token=…`: the display for the room. No login, no controls, no cursor, no scrollbars; type
 * scales with the screen. The alert counts and a tile for every segment stay on screen at every moment; only the
 * detail panel rotates (network scores, each segment, alert board), and a critical unacknowledged alert takes the
 * detail panel until acknowledged. When data stops, a large banner says so at once and the last data
 * stays greyed; the socket reconnects by itself.
 */
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { WallInfo } from '../../../shared/schemas/api.js';
import { AlertingContext } from '../app/AlertingProvider.js';
import { useClassification } from '../app/ConfigProvider.js';
import { LiveContext } from '../app/LiveProvider.js';
import { ClassificationBanner } from '../components/ClassificationBanner.js';
import { NetworkStrip } from '../features/wall/NetworkStrip.js';
import { SceneIndicator } from '../features/wall/SceneIndicator.js';
import { SceneView } from '../features/wall/SceneView.js';
import { sceneKey } from '../features/wall/scenes.js';
import { Takeover } from '../features/wall/Takeover.js';
import { useWallScenes } from '../features/wall/useWallScenes.js';
import { useWallToken } from '../features/wall/useWallToken.js';
import { WallCounts } from '../features/wall/WallCounts.js';
import { StaleBanner, WallHeader } from '../features/wall/WallStatus.js';
import { useConnection } from '../hooks/useLive.js';
import { useNow } from '../hooks/useNow.js';
import { applyLocale, browserLocale } from '../i18n/index.js';
import { wallLocale } from '../i18n/wall-locale.js';
import { tokenLabel } from '../labels/tokens.js';
import '../styles/wall.css';

export default function Wall() {
  const { t } = useTranslation();
  const { tokenState, info, store, connection } = useWallToken();
  const locale = wallLocale(window.location.search, info?.locale, browserLocale());
  useEffect(() => {
    void applyLocale(locale);
  }, [locale]);

  useEffect(() => {
    document.documentElement.classList.add('wall-mode');
    return () => document.documentElement.classList.remove('wall-mode');
  }, []);

  if (tokenState === 'missing' || tokenState === 'refused') {
    return (
      <div className="wall wall--message">
        <p className="wall__message" role="alert">
          {tokenState === 'missing' ? t('wall.noToken') : t('wall.refused')}
        </p>
      </div>
    );
  }
  return (
    <LiveContext value={{ store, connection }}>
      <AlertingContext value={info?.alerting ?? null}>
        <WallScreen info={info} />
      </AlertingContext>
    </LiveContext>
  );
}

function WallScreen({ info }: { info: WallInfo | null }) {
  const classification = useClassification();
  const conn = useConnection();
  const now = useNow(1000);
  const wall = useWallScenes(info, now);
  const { takeover, scene } = wall;
  const [dx, dy] = wall.offset;
  const live = conn.status === 'live';

  return (
    <div
      className={`wall ${live ? 'wall--live' : 'wall--notlive'} ${wall.dense ? 'wall--dense' : ''}`}
      data-status={conn.status}
    >
      <ClassificationBanner text={classification.text} colour={classification.colour} position="top" />
      <div className="wall__frame">
        <div className="wall__inner" style={{ transform: `translate(${dx * 0.5}vw, ${dy * 0.5}vh)` }}>
          <WallHeader label={info ? tokenLabel(info) : ''} now={now} conn={conn} />
          <div className={`wall__data ${live ? '' : 'wall__data--stale'}`}>
            <WallCounts alerts={wall.visibleAlerts} allowed={wall.allowed} now={now} />
            <NetworkStrip alerts={wall.visibleAlerts} allowed={wall.allowed} now={now} />
            <main className="wall__scene" data-scene={takeover ? 'takeover' : sceneKey(scene)}>
              {takeover ? (
                <Takeover alert={takeover.alert} others={takeover.others} now={now} />
              ) : (
                <SceneView scene={scene} alerts={wall.visibleAlerts} now={now} allowed={wall.allowed} />
              )}
            </main>
          </div>
          <SceneIndicator scenes={wall} now={now} />
        </div>
        {!live ? <StaleBanner conn={conn} /> : null}
      </div>
      <ClassificationBanner text={classification.text} colour={classification.colour} position="bottom" />
    </div>
  );
}
