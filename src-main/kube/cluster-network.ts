/** kubeadm's default cluster networking, which the kubelets, the add-ons and the API server share. */

/** The kube-dns Service's cluster IP (the kubelet's clusterDNS): the tenth address of 10.96.0.0/12. */
export const CLUSTER_DNS_IP = '10.96.0.10';
export const CLUSTER_DOMAIN = 'cluster.local';
