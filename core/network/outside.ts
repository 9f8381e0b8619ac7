/**
 * The world outside the cluster, as far as the lab goes: the few sites the
 * Kubernetes docs' examples download (the init-container example saves
 * info.cern.ch). CoreDNS forwards other names upstream; here they do not
 * exist (NXDOMAIN), and other outside addresses do not answer.
 */

export interface OutsideSite {
  ip: string;
  pages: Readonly<Record<string, string>>;
}

export const OUTSIDE: Readonly<Record<string, OutsideSite>> = {
  'info.cern.ch': {
    ip: '188.184.67.127',
    pages: {
      '/': `<html><head></head><body><header>
<title>http://info.cern.ch</title>
</header>

<h1>http://info.cern.ch - home of the first website</h1>
<p>From here you can:</p>
<ul>
<li><a href="http://info.cern.ch/hypertext/WWW/TheProject.html">Browse the first website</a></li>
<li><a href="http://line-mode.cern.ch/www/hypertext/WWW/TheProject.html">Browse the first website using the line-mode browser simulator</a></li>
<li><a href="http://home.web.cern.ch/topics/birth-web">Learn about the birth of the web</a></li>
<li><a href="http://home.web.cern.ch/about">Learn about CERN, the physics laboratory where the web was born</a></li>
</ul>
</body></html>
`,
    },
  },
};

const BY_IP = new Map(Object.entries(OUTSIDE).map(([host, site]) => [site.ip, { host, ...site }]));

/** The address of an outside name (what the upstream resolver answers). */
export function outsideAddress(name: string): string | undefined {
  return OUTSIDE[name.toLowerCase().replace(/\.$/, '')]?.ip;
}

/** The outside site at an address, if the lab knows one there. */
export function outsideSite(ip: string): (OutsideSite & { host: string }) | undefined {
  return BY_IP.get(ip);
}
